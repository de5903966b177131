package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a worker exits and when it joins again, and until when it looks for a coordinator. */
class WorkerLifecycleTest {
  static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void anOrdinaryWorkerRejoinsALostCoordinatorForAWhileAndEndsWithTheRun() {
    WorkerLifecycle w = new WorkerLifecycle(false, Duration.ofMinutes(10), CLOCK);
    Instant later = NOW.plus(Duration.ofMinutes(10));
    assertEquals(new WorkerLifecycle.Rejoin(later), w.start());
    assertEquals(new WorkerLifecycle.Rejoin(later), w.after(WorkerNode.Ending.LOST));
    assertEquals(new WorkerLifecycle.Exit(0), w.after(WorkerNode.Ending.RUN_FINISHED));
    assertEquals(new WorkerLifecycle.Exit(0), w.after(WorkerNode.Ending.LEFT));
    assertEquals(new WorkerLifecycle.Exit(1), w.after(WorkerNode.Ending.NO_COORDINATOR));
    assertEquals(new WorkerLifecycle.Exit(3), w.after(WorkerNode.Ending.OUT_OF_MEMORY));
  }

  @Test
  void aStayingWorkerNeverGivesUpButStillLeavesAJvmThatRanOutOfMemory() {
    WorkerLifecycle w = new WorkerLifecycle(true, Duration.ofMinutes(10), CLOCK);
    assertEquals(new WorkerLifecycle.Rejoin(null), w.start());
    assertEquals(new WorkerLifecycle.Rejoin(null), w.after(WorkerNode.Ending.LOST));
    assertEquals(new WorkerLifecycle.Rejoin(null), w.after(WorkerNode.Ending.RUN_FINISHED));
    assertEquals(new WorkerLifecycle.Exit(0), w.after(WorkerNode.Ending.LEFT));
    assertEquals(new WorkerLifecycle.Exit(3), w.after(WorkerNode.Ending.OUT_OF_MEMORY));
    // its time is up: even a staying worker goes, before its SLURM job's limit ends it
    assertEquals(new WorkerLifecycle.Exit(0), w.after(WorkerNode.Ending.WALLTIME));
  }

  @Test
  void giveUpAfterZeroMeansNever() {
    WorkerLifecycle w = new WorkerLifecycle(false, null, CLOCK);
    assertEquals(new WorkerLifecycle.Rejoin(null), w.start());
    assertEquals(new WorkerLifecycle.Rejoin(null), w.after(WorkerNode.Ending.LOST));
    assertEquals(new WorkerLifecycle.Exit(0), w.after(WorkerNode.Ending.RUN_FINISHED));
  }
}
