package org.soakbench.coordinator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void start() {
    kit = ActorTestKit.create();
    TempFiles.write(dir, "data.csv", TempFiles.smallData());
    Path exp = TempFiles.write(dir, "exp.conf",
        TempFiles.experiment(", features = [x], subset = part, group = grp, fold = fold", ""));
    plan = new ExperimentPlanner((spec, kind) -> { }).plan(ExperimentLoader.load(exp));
    outcome = new CompletableFuture<>();
    ActorRef<Collector.Command> collector = kit.spawn(Collector.create(plan, dir.resolve("out")), "collector");
    coordinator = kit.spawn(Coordinator.create(plan, collector, outcome), "coordinator");
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  private static SplitResult ok(SplitJob job, String worker) {
    return new SplitResult(job.jobId(), job.attempt(), List.of(1.0), 8, 2, 0.01, 0.001, worker, null);
  }

  @Test
  void handsOutAtMostFreeSlotsRecordsEachSplitOnceAndFinishes() throws Exception {
    assertEquals(18, plan.jobs().size());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 4, "node"));
    coordinator.tell(new ToCoordinator.FetchTask(w.getRef(), plan.jobs().get(0).taskHash()));
    assertEquals(plan.jobs().get(0).taskHash(), w.expectMessageClass(ToWorker.TaskReply.class).bundle().hash());
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
    List<String> lines = Files.readAllLines(dir.resolve("out/scores.csv"));
    assertEquals(19, lines.size());
    assertEquals(18, Files.readAllLines(dir.resolve("out/journal.jsonl")).size());
  }

  @Test
  void nothingYetWhileEverythingIsLeasedAndRequeueWhenAWorkerStops() throws Exception {
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
    List<SplitJob> retried = new ArrayList<>();
    for (int i = 0; i < 100 && retried.size() < 17; i++) {
      coordinator.tell(new ToCoordinator.Pull(b.getRef(), 1));
      WorkerMessage m = b.receiveMessage(Duration.ofSeconds(5));
      if (m instanceof ToWorker.Assign as) {
        retried.addAll(as.jobs());
        for (SplitJob j : as.jobs()) {
          assertEquals(2, j.attempt(), j.jobId());
          coordinator.tell(new ToCoordinator.Done(b.getRef(), ok(j, "b")));
        }
      }
    }
    assertEquals(17, retried.size());
    // a late result of the dead worker's first attempt is ignored
    coordinator.tell(new ToCoordinator.Done(b.getRef(), ok(held.get(1), "a")));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(18, o.splits());
    List<String> lines = Files.readAllLines(dir.resolve("out/scores.csv"));
    assertEquals(18, lines.stream().skip(1).filter(l -> l.contains(",b,2,") || l.contains(",a,1,")).count());
  }
}
