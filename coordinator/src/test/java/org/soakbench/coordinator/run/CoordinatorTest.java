package org.soakbench.coordinator.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.TempFiles;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.config.ExperimentLoader;
import org.soakbench.coordinator.plan.ExperimentPlanner;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;

/** The coordinator's side of the pull protocol, with probes as workers and a real collector. */
class CoordinatorTest {
  @TempDir Path dir;
  ActorTestKit kit;
  PlannedExperiment plan;
  CompletableFuture<RunOutcome> outcome;
  ActorRef<CoordinatorMessage> coordinator;

  @BeforeEach
  void startKit() {
    kit = ActorTestKit.create();
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  private void start(String learners, String rest, Coordinator.Settings settings) {
    TempFiles.write(dir, "data.csv", TempFiles.smallData());
    Path exp = TempFiles.write(dir, "exp.conf",
        TempFiles.experiment(", features = [x], subset = part, group = grp, fold = fold", learners, rest));
    plan = new ExperimentPlanner((spec, kind) -> { }).plan(ExperimentLoader.load(exp));
    outcome = new CompletableFuture<>();
    ActorRef<Collector.Command> collector = kit.spawn(Collector.create(dir.resolve("out")), "collector");
    coordinator = kit.spawn(Coordinator.create(plan, collector, outcome, settings), "coordinator");
  }

  private void start() {
    start("{ id = featureless }", "", Coordinator.Settings.defaults());
  }

  private static SplitResult ok(SplitJob job, String worker) {
    return new SplitResult(job.jobId(), job.attempt(), List.of(1.0), 8, 2, 0.01, 0.001, worker, null);
  }

  private List<String> scoreLines() throws Exception {
    return Files.readAllLines(dir.resolve("out/scores.csv"));
  }

  @Test
  void handsOutAtMostFreeSlotsRecordsEachSplitOnceAndFinishes() throws Exception {
    start();
    assertEquals(18, plan.jobs().size());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 4, "node"));
    Set<String> seen = new HashSet<>();
    while (seen.size() < 18) {
      coordinator.tell(new ToCoordinator.Pull(w.getRef(), 4));
      List<SplitJob> jobs = w.expectMessageClass(ToWorker.Assign.class).jobs();
      assertTrue(jobs.size() >= 1 && jobs.size() <= 4, "got " + jobs.size());
      for (SplitJob j : jobs) {
        assertTrue(seen.add(j.jobId()), "handed out twice: " + j.jobId());
        coordinator.tell(new ToCoordinator.Done(w.getRef(), ok(j, "w")));
        coordinator.tell(new ToCoordinator.Done(w.getRef(), ok(j, "w"))); // a duplicate is dropped
      }
    }
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(18, o.splits());
    assertEquals(0, o.exitCode());
    w.expectMessageClass(ToWorker.Finished.class);
    assertEquals(19, scoreLines().size());
    assertEquals(18, Files.readAllLines(dir.resolve("out/journal.jsonl")).size());
  }

  @Test
  void progressCountsSplitsOnDiskRunningQueuedFailedPerCellAndPerWorker() {
    start();
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 4, "node-a"));
    coordinator.tell(new ToCoordinator.Pull(w.getRef(), 4));
    List<SplitJob> jobs = w.expectMessageClass(ToWorker.Assign.class).jobs();
    assertEquals(4, jobs.size());
    coordinator.tell(new ToCoordinator.Done(w.getRef(), ok(jobs.get(0), "node-a")));
    coordinator.tell(new ToCoordinator.Done(w.getRef(), new SplitResult(jobs.get(1).jobId(), 1, List.of(), 8, 2, 0.5, 0,
        "node-a", "boom")));
    TestProbe<Progress> probe = kit.createTestProbe();
    Progress p = probe.awaitAssert(Duration.ofSeconds(5), () -> {
      coordinator.tell(new Coordinator.GetProgress(probe.getRef()));
      Progress now = probe.receiveMessage();
      assertEquals(2, now.done(), "journaled splits");
      return now;
    });
    assertEquals(18, p.total());
    assertEquals(2, p.running());
    assertEquals(14, p.queued());
    assertEquals(1, p.failed());
    assertEquals(0, p.retried());
    assertEquals(List.of(new Progress.SplitError(jobs.get(1).jobId(), "node-a", "boom")), p.recentErrors());
    assertEquals(18, p.grid().stream().mapToInt(Progress.Cell::total).sum());
    assertEquals(2, p.grid().stream().mapToInt(Progress.Cell::done).sum());
    assertEquals(2, p.grid().stream().mapToInt(Progress.Cell::running).sum());
    assertEquals(1, p.grid().stream().mapToInt(Progress.Cell::failed).sum());
    Progress.WorkerLoad load = p.workers().get(0);
    assertEquals(List.of("node-a", 4, 2), List.of(load.node(), load.slots(), load.done()));
    assertEquals(Set.of(jobs.get(2).jobId(), jobs.get(3).jobId()), new HashSet<>(load.current()));
    assertEquals(0.011 + 0.5, load.busySeconds(), 1e-9); // train + predict seconds of both

    // the worker dies: its two running splits go back to the queue as retries
    w.stop();
    Progress after = probe.awaitAssert(Duration.ofSeconds(5), () -> {
      coordinator.tell(new Coordinator.GetProgress(probe.getRef()));
      Progress now = probe.receiveMessage();
      assertEquals(0, now.running());
      return now;
    });
    assertEquals(List.of(2, 16, 2, 0), List.of(after.done(), after.queued(), after.retried(), after.workers().size()));
  }

  @Test
  void stopsTheRunWhenTheJournalCannotBeWritten() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(dir.resolve("out/journal.jsonl"), Path.of("/dev/full")); // a full disk
    start();
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 2, "node"));
    coordinator.tell(new ToCoordinator.Pull(w.getRef(), 2));
    List<SplitJob> jobs = w.expectMessageClass(ToWorker.Assign.class).jobs();
    coordinator.tell(new ToCoordinator.Done(w.getRef(), ok(jobs.get(0), "w")));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(1, o.exitCode());
    assertEquals(0, o.splits());
    assertTrue(o.problem().contains("No space left on device") && o.problem().contains("run the same command to resume"),
        o.problem());
    w.expectMessageClass(ToWorker.Finished.class);
    // nothing more is handed out once results can no longer be kept
    coordinator.tell(new ToCoordinator.Pull(w.getRef(), 1));
    w.expectMessageClass(ToWorker.Finished.class);
  }

  @Test
  void streamsTaskDataChunkByChunkOnRequest() {
    start();
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    String hash = plan.jobs().get(0).taskHash();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    coordinator.tell(new ToCoordinator.FetchTask(w.getRef(), hash, 0));
    ToWorker.TaskChunk first = w.expectMessageClass(ToWorker.TaskChunk.class);
    bytes.writeBytes(first.bytes());
    for (int i = 1; i < first.chunks(); i++) {
      coordinator.tell(new ToCoordinator.FetchTask(w.getRef(), hash, i));
      bytes.writeBytes(w.expectMessageClass(ToWorker.TaskChunk.class).bytes());
    }
    w.expectNoMessage(Duration.ofMillis(100)); // nothing is pushed without a request
    assertEquals(first.sha256(), TaskBundleCodec.sha256(bytes.toByteArray()));
    TaskBundle bundle = TaskBundleCodec.decode(bytes.toByteArray());
    assertArrayEquals(plan.tasks().get(0).bundle().instance().fold(), bundle.instance().fold());
  }

  @Test
  void nothingYetWhileEverythingIsLeasedAndRequeueWhenAWorkerStops() throws Exception {
    start();
    TestProbe<WorkerMessage> a = kit.createTestProbe();
    TestProbe<WorkerMessage> b = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(a.getRef(), 18, "node-a"));
    coordinator.tell(new ToCoordinator.Pull(a.getRef(), 18));
    List<SplitJob> held = a.expectMessageClass(ToWorker.Assign.class).jobs();
    assertEquals(18, held.size());
    coordinator.tell(new ToCoordinator.Register(b.getRef(), 1, "node-b"));
    coordinator.tell(new ToCoordinator.Pull(b.getRef(), 1));
    b.expectMessageClass(ToWorker.NothingYet.class);
    // a finishes one split, then dies: the other 17 go to b as attempt 2
    coordinator.tell(new ToCoordinator.Done(a.getRef(), ok(held.get(0), "a")));
    a.stop();
    List<SplitJob> retried = drain(b, 17);
    assertEquals(17, retried.size());
    retried.forEach(j -> assertEquals(2, j.attempt(), j.jobId()));
    // a late result of the dead worker's first attempt is ignored
    coordinator.tell(new ToCoordinator.Done(b.getRef(), ok(held.get(1), "a")));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(18, o.splits());
    assertEquals(18, scoreLines().stream().skip(1).filter(l -> l.contains(",b,2,") || l.contains(",a,1,")).count());
  }

  /** Pulls one job at a time as {@code w} and completes it, until {@code n} jobs were handed out. */
  private List<SplitJob> drain(TestProbe<WorkerMessage> w, int n) {
    List<SplitJob> got = new ArrayList<>();
    for (int i = 0; i < 10 * n && got.size() < n; i++) {
      coordinator.tell(new ToCoordinator.Pull(w.getRef(), 1));
      WorkerMessage m = w.receiveMessage(Duration.ofSeconds(5));
      if (m instanceof ToWorker.Assign as) {
        got.addAll(as.jobs());
        as.jobs().forEach(j -> coordinator.tell(new ToCoordinator.Done(w.getRef(), ok(j, "b"))));
      }
    }
    return got;
  }

  @Test
  void expiredLeasesAreCancelledRetriedAndFinallyAnErrorRow() throws Exception {
    start("{ id = slow, type = featureless, timeout = 0.3 }", "  max-attempts = 2\n", Coordinator.Settings.defaults());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 18, "node"));
    coordinator.tell(new ToCoordinator.Pull(w.getRef(), 18));
    List<SplitJob> first = w.expectMessageClass(ToWorker.Assign.class).jobs();
    // never answer: every lease expires, the worker is told to cancel, the jobs come back as attempt 2
    Set<String> cancelled = new HashSet<>();
    while (cancelled.size() < 18) {
      ToWorker.Cancel c = w.expectMessageClass(ToWorker.Cancel.class, Duration.ofSeconds(5));
      assertEquals(1, c.attempt());
      cancelled.add(c.jobId());
    }
    coordinator.tell(new ToCoordinator.Pull(w.getRef(), 18));
    List<SplitJob> second = w.expectMessageClass(ToWorker.Assign.class).jobs();
    assertEquals(18, second.size());
    second.forEach(j -> assertEquals(2, j.attempt()));
    // answer one of them late (after its first lease expired): the result of attempt 1 is dropped
    coordinator.tell(new ToCoordinator.Done(w.getRef(), ok(first.get(0), "w")));
    coordinator.tell(new ToCoordinator.Done(w.getRef(), ok(second.get(0), "w")));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(18, o.splits());
    assertEquals(17, o.failed());
    assertEquals(1, o.exitCode());
    long gaveUp = scoreLines().stream().filter(l -> l.contains("gave up after 2 failed attempts; last: lease expired")).count();
    assertEquals(17, gaveUp);
  }

  @Test
  void handBackRequeuesAtOnceAndMinWorkersHoldsTheStart() {
    start("{ id = featureless }", "", new Coordinator.Settings(2, List.of()));
    TestProbe<WorkerMessage> a = kit.createTestProbe();
    TestProbe<WorkerMessage> b = kit.createTestProbe();
    TestProbe<ToWorker.HandedBack> ack = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(a.getRef(), 2, "node-a"));
    coordinator.tell(new ToCoordinator.Pull(a.getRef(), 2));
    a.expectMessageClass(ToWorker.NothingYet.class); // one worker of the two asked for
    coordinator.tell(new ToCoordinator.Register(b.getRef(), 2, "node-b"));
    coordinator.tell(new ToCoordinator.Pull(a.getRef(), 2));
    List<SplitJob> held = a.expectMessageClass(ToWorker.Assign.class).jobs();
    coordinator.tell(new ToCoordinator.HandBack(a.getRef(), held.stream().map(SplitJob::jobId).toList(), ack.getRef()));
    assertEquals(2, ack.expectMessageClass(ToWorker.HandedBack.class).jobs());
    coordinator.tell(new ToCoordinator.Pull(b.getRef(), 2));
    List<SplitJob> again = b.expectMessageClass(ToWorker.Assign.class).jobs();
    assertEquals(held.stream().map(SplitJob::jobId).collect(java.util.stream.Collectors.toSet()),
        again.stream().map(SplitJob::jobId).collect(java.util.stream.Collectors.toSet()));
  }
}
