package org.soakbench.coordinator.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import org.soakbench.protocol.JobAttempt;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;

/** The coordinator's side of the report/assign protocol, with probes as workers and a real collector. */
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

  private static SplitResult ok(SplitJob job) {
    return new SplitResult(job.job(), job.attempt(), List.of(1.0), 8, 2, 0.01, 0.001, null);
  }

  /** Registers {@code w} and checks the welcome names the plan's learners and measures. */
  private void register(TestProbe<WorkerMessage> w, int slots, String node) {
    coordinator.tell(new ToCoordinator.Register(w.getRef(), slots, node));
    ToWorker.Welcome welcome = w.expectMessageClass(ToWorker.Welcome.class);
    assertEquals(plan.fingerprint(), welcome.run());
    assertEquals(plan.learners(), welcome.learners());
  }

  /** One report from {@code w}; returns the coordinator's one answer to it. */
  private WorkerMessage report(TestProbe<WorkerMessage> w, List<SplitResult> results, List<JobAttempt> started,
      int wanted) {
    coordinator.tell(new ToCoordinator.Report(w.getRef(), results, started, wanted));
    return w.receiveMessage(Duration.ofSeconds(5));
  }

  /** Asks for {@code wanted} jobs and reports them started. */
  private List<SplitJob> pull(TestProbe<WorkerMessage> w, int wanted) {
    List<SplitJob> jobs = ((ToWorker.Assign) report(w, List.of(), List.of(), wanted)).jobs();
    report(w, List.of(), jobs.stream().map(j -> new JobAttempt(j.job(), j.attempt())).toList(), 0);
    return jobs;
  }

  private static List<JobAttempt> attempts(List<SplitJob> jobs) {
    return jobs.stream().map(j -> new JobAttempt(j.job(), j.attempt())).toList();
  }

  private Set<String> ids(List<SplitJob> jobs) {
    return jobs.stream().map(j -> plan.split(j.job()).id()).collect(java.util.stream.Collectors.toSet());
  }

  private List<String> scoreLines() throws Exception {
    return Files.readAllLines(dir.resolve("out/scores.csv"));
  }

  @Test
  void progressListsAtMost200CellsBusyOnesFirstInPlanOrder() throws Exception {
    // the listing is under test, not the hand-out order: hand out in plan order for a known premise
    kit.shutdownTestKit();
    kit = ActorTestKit.create(com.typesafe.config.ConfigFactory.parseString(
        "soakbench.coordinator.order = plan").withFallback(com.typesafe.config.ConfigFactory.load()));
    StringBuilder learners = new StringBuilder();
    for (int l = 0; l < 250; l++) {
      learners.append(l == 0 ? "" : ", ").append("{ id = f").append(l).append(", type = featureless }");
    }
    start(learners.toString(), "  resampling { type = cv, folds = 2 }\n", Coordinator.Settings.defaults());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 2, "node");
    // 420 of the 500 splits finished, 2 more running: some learners' cells are done, others not
    int taken = 0;
    int[] doneOf = new int[250];
    List<SplitResult> results = List.of();
    for (int round = 0; round < 1000 && taken < 420; round++) {
      List<SplitJob> jobs = ((ToWorker.Assign) report(w, results, List.of(), Math.min(2, 420 - taken))).jobs();
      taken += jobs.size();
      jobs.forEach(j -> doneOf[j.learner()]++);
      results = jobs.stream().map(CoordinatorTest::ok).toList();
    }
    assertEquals(420, taken);
    report(w, results, List.of(), 0);
    List<SplitJob> running = ((ToWorker.Assign) report(w, List.of(), List.of(), 2)).jobs();
    report(w, List.of(), attempts(running), 0);
    TestProbe<Progress> probe = kit.createTestProbe();
    Progress p = probe.awaitAssert(Duration.ofSeconds(10), () -> {
      coordinator.tell(new Coordinator.GetProgress(probe.getRef()));
      Progress now = probe.receiveMessage();
      assertEquals(420, now.done(), "journaled splits");
      return now;
    });
    assertEquals(250, p.gridCells());
    assertEquals(200, p.grid().size());
    // expected: every unfinished cell (running ones among them), then the first finished ones, in plan order
    List<Integer> unfinished = new ArrayList<>();
    List<Integer> finished = new ArrayList<>();
    for (int l = 0; l < 250; l++) {
      (doneOf[l] < 2 ? unfinished : finished).add(l);
    }
    assertTrue(unfinished.size() > 2 && finished.size() > 200 - unfinished.size(), "the test's premise");
    List<Integer> expected = new ArrayList<>(unfinished);
    expected.addAll(finished.subList(0, 200 - unfinished.size()));
    Collections.sort(expected);
    assertEquals(expected.stream().map(l -> "f" + l).toList(), p.grid().stream().map(Progress.Cell::learnerId).toList());
    assertEquals(2, p.grid().stream().mapToInt(Progress.Cell::running).sum());
  }

  /**
   * The tail of a run with a slow worker: once the queue is empty, an idle worker gets a copy of a
   * split running far longer than expected; the first result is recorded and the other copy cancelled.
   */
  @Test
  void anIdleWorkerAtTheTailGetsACopyOfAnOverdueSplitAndTheFirstResultWins() throws Exception {
    kit.shutdownTestKit();
    kit = ActorTestKit.create(com.typesafe.config.ConfigFactory.parseString(
        "soakbench.coordinator.speculation-after = 0s").withFallback(com.typesafe.config.ConfigFactory.load()));
    start("{ id = f, type = featureless, expected-seconds = 0.001 }", "", Coordinator.Settings.defaults());
    TestProbe<WorkerMessage> slow = kit.createTestProbe();
    register(slow, 1000, "node-slow");
    List<SplitJob> all = pull(slow, 1000);
    assertEquals(plan.splits(), all.size());
    TestProbe<WorkerMessage> idle = kit.createTestProbe();
    register(idle, 1, "node-idle");
    // the splits have run longer than 1.5 x 1 ms by the time a report gets here: a copy comes
    SplitJob copy = idle.awaitAssert(Duration.ofSeconds(5), () -> {
      List<SplitJob> jobs = ((ToWorker.Assign) report(idle, List.of(), List.of(), 1)).jobs();
      assertEquals(1, jobs.size());
      return jobs.get(0);
    });
    assertEquals(2, copy.attempt(), "a copy runs as the next attempt");
    assertTrue(all.stream().anyMatch(j -> j.job() == copy.job()));
    report(idle, List.of(), List.of(new JobAttempt(copy.job(), 2)), 0);
    coordinator.tell(new ToCoordinator.Report(idle.getRef(), List.of(ok(copy)), List.of(), 0));
    ToWorker.Cancel cancel = slow.expectMessageClass(ToWorker.Cancel.class);
    assertEquals(new ToWorker.Cancel(copy.job(), 1, ToWorker.Cancel.COPY_FINISHED), cancel, "the slow original is cancelled");
    // the rest finish on the slow worker; its late result for the copied split is dropped
    report(slow, all.stream().map(CoordinatorTest::ok).toList(), List.of(), 0);
    assertEquals(plan.splits(), outcome.get(30, java.util.concurrent.TimeUnit.SECONDS).splits());
    List<String> lines = Files.readAllLines(dir.resolve("out/journal.jsonl"));
    assertEquals(plan.splits(), lines.size(), "each split once");
    String id = plan.split(copy.job()).id();
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"id\":\"" + id + "\"") && l.contains("\"worker\":\"node-idle\"")),
        "the copy's row names the worker that delivered it");
  }

  /** A worker near the end of its walltime gets only splits expected to end before it leaves. */
  @Test
  void aWorkerWithAWalltimeGetsOnlySplitsThatFitInIt() {
    start("{ id = slow, type = featureless, expected-seconds = 100 }, { id = quick, type = featureless, "
        + "expected-seconds = 1 }", "", Coordinator.Settings.defaults());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 4, "node-ending", 10_000));
    w.expectMessageClass(ToWorker.Welcome.class);
    List<SplitJob> jobs = ((ToWorker.Assign) report(w, List.of(), List.of(), 1000)).jobs();
    int slow = plan.learners().indexOf(plan.learners().stream().filter(l -> l.id().equals("slow")).findFirst().get());
    assertTrue(!jobs.isEmpty() && jobs.stream().noneMatch(j -> j.learner() == slow), "only quick splits: " + jobs);
    TestProbe<WorkerMessage> other = kit.createTestProbe();
    register(other, 4, "node-free");
    List<SplitJob> rest = ((ToWorker.Assign) report(other, List.of(), List.of(), 1000)).jobs();
    assertTrue(rest.stream().anyMatch(j -> j.learner() == slow), "a worker without walltime takes the slow ones");
  }

  @Test
  void reportsWaitForTheJournalWhenItFallsBehind() throws Exception {
    kit.shutdownTestKit();
    kit = ActorTestKit.create(com.typesafe.config.ConfigFactory.parseString(
        "soakbench.coordinator.journal-backlog = 3").withFallback(com.typesafe.config.ConfigFactory.load()));
    TempFiles.write(dir, "data.csv", TempFiles.smallData());
    Path exp = TempFiles.write(dir, "exp.conf",
        TempFiles.experiment(", features = [x], subset = part, group = grp, fold = fold", "{ id = featureless }", ""));
    plan = new ExperimentPlanner((spec, kind) -> { }).plan(ExperimentLoader.load(exp));
    // a journal that is as slow as the test wants: a probe, acknowledged by hand
    TestProbe<Collector.Command> journal = kit.createTestProbe();
    coordinator = kit.spawn(Coordinator.create(plan, journal.getRef(), new CompletableFuture<>(),
        Coordinator.Settings.defaults()), "coordinator");
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 4, "node");
    List<SplitJob> first = pull(w, 4);
    // 2 results recorded, none journaled yet (2 < 3): answered at once
    List<SplitJob> second = ((ToWorker.Assign) report(w, first.subList(0, 2).stream().map(CoordinatorTest::ok).toList(),
        List.of(), 2)).jobs();
    assertEquals(2, second.size());
    Collector.Append a1 = journal.expectMessageClass(Collector.Append.class);
    assertEquals(2, a1.records().size());
    // 2 more: 4 wait for the journal (>= 3), so this report is answered only when the journal catches up
    coordinator.tell(new ToCoordinator.Report(w.getRef(), first.subList(2, 4).stream().map(CoordinatorTest::ok).toList(),
        attempts(second), 2));
    Collector.Append a2 = journal.expectMessageClass(Collector.Append.class);
    w.expectNoMessage(Duration.ofMillis(300));
    a1.replyTo().tell(new Collector.Journaled(a1.records(), null)); // 2 left waiting: below 3
    List<SplitJob> third = ((ToWorker.Assign) w.receiveMessage(Duration.ofSeconds(5))).jobs();
    assertEquals(2, third.size(), "the held report's jobs, once the journal caught up");
    assertTrue(Collections.disjoint(ids(third), ids(second)) && Collections.disjoint(ids(third), ids(first)));
    a2.replyTo().tell(new Collector.Journaled(a2.records(), null));
    // with the journal caught up, a report is answered at once again
    assertTrue(report(w, second.stream().map(CoordinatorTest::ok).toList(), List.of(), 1) instanceof ToWorker.Assign);
  }

  @Test
  void handsOutAtMostWhatIsWantedRecordsEachSplitOnceAndFinishes() throws Exception {
    start();
    assertEquals(18, plan.splits());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 4, "node");
    Set<Integer> seen = new HashSet<>();
    List<SplitResult> pending = new ArrayList<>();
    while (seen.size() < 18) {
      WorkerMessage answer = report(w, pending, List.of(), 5);
      pending = new ArrayList<>();
      List<SplitJob> jobs = ((ToWorker.Assign) answer).jobs();
      assertTrue(jobs.size() >= 1 && jobs.size() <= 5, "got " + jobs.size());
      for (SplitJob j : jobs) {
        assertTrue(seen.add(j.job()), "handed out twice: " + j.job());
        assertEquals(plan.split(j.job()).seed(plan.experiment().seed()), j.seed());
        assertEquals(plan.split(j.job()).iteration(), j.iteration());
        pending.add(ok(j));
        pending.add(ok(j)); // a duplicate in the same batch is dropped
      }
    }
    WorkerMessage last = report(w, pending, List.of(), 0);
    assertTrue(last instanceof ToWorker.Assign || last instanceof ToWorker.Finished, last.toString());
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(18, o.splits());
    assertEquals(0, o.exitCode());
    assertEquals(19, scoreLines().size());
    assertEquals(18, Files.readAllLines(dir.resolve("out/journal.jsonl")).size());
    // once the run is over every report is answered with Finished
    assertTrue(report(w, List.of(), List.of(), 1) instanceof ToWorker.Finished);
  }

  @Test
  void aForgedOrOutOfRangeSplitNumberIsDroppedNotACrash() throws Exception {
    start();
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 1, "node");
    List<SplitJob> jobs = pull(w, 1);
    SplitResult forged = new SplitResult(1_000_000, 1, List.of(0.0), 1, 1, 0, 0, null);
    SplitResult negative = new SplitResult(-1, 1, List.of(0.0), 1, 1, 0, 0, null);
    assertTrue(report(w, List.of(forged, negative), List.of(new JobAttempt(99_999, 1)), 0) instanceof ToWorker.Assign);
    coordinator.tell(new ToCoordinator.FetchTask(w.getRef(), 12, 0));
    coordinator.tell(new ToCoordinator.HandBack(w.getRef(), List.of(new JobAttempt(-5, 1)),
        kit.<ToWorker.HandedBack>createTestProbe().getRef()));
    // the coordinator is alive and still waits for the real split
    assertTrue(report(w, List.of(ok(jobs.get(0))), List.of(), 0) instanceof ToWorker.Assign);
    TestProbe<Progress> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(5), () -> {
      coordinator.tell(new Coordinator.GetProgress(probe.getRef()));
      assertEquals(1, probe.receiveMessage().done());
      return null;
    });
  }

  /**
   * Only registered workers get work, and a worker gets no more than its slots beyond what the queue
   * can spare; a result counts only from the worker holding that lease.
   */
  @Test
  void workGoesToRegisteredWorkersAndResultsOnlyFromTheLeaseHolder() throws Exception {
    start();
    TestProbe<WorkerMessage> stranger = kit.createTestProbe();
    // an unregistered ref asking for everything is told to register, and gets nothing
    assertTrue(report(stranger, List.of(), List.of(), Integer.MAX_VALUE) instanceof ToWorker.Welcome);
    TestProbe<WorkerMessage> a = kit.createTestProbe();
    TestProbe<WorkerMessage> b = kit.createTestProbe();
    register(a, 1, "node-a");
    register(b, 1, "node-b");
    List<SplitJob> held = pull(a, Integer.MAX_VALUE);
    assertTrue(held.size() >= 1 && held.size() <= plan.splits() / 2, "a share, not the queue: " + held.size());
    // b posts a result for a's lease: dropped, the split still waits for a
    report(b, List.of(ok(held.get(0))), List.of(), 0);
    TestProbe<Progress> probe = kit.createTestProbe();
    coordinator.tell(new Coordinator.GetProgress(probe.getRef()));
    Progress p = probe.receiveMessage();
    assertEquals(0, p.done());
    assertEquals(held.size(), p.running());
    report(a, List.of(ok(held.get(0))), List.of(), 0);
    probe.awaitAssert(Duration.ofSeconds(5), () -> {
      coordinator.tell(new Coordinator.GetProgress(probe.getRef()));
      assertEquals(1, probe.receiveMessage().done());
      return null;
    });
    List<String> lines = Files.readAllLines(dir.resolve("out/journal.jsonl"));
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("\"worker\":\"node-a\""), lines.get(0));
  }

  @Test
  void aPrefetchedSplitsLeaseClockStartsWhenTheWorkerStartsIt() throws Exception {
    start("{ id = slow, type = featureless, timeout = 0.3 }", "", Coordinator.Settings.defaults());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 1, "node");
    List<SplitJob> held = ((ToWorker.Assign) report(w, List.of(), List.of(), 2)).jobs();
    assertEquals(2, held.size());
    // held, not started: no lease runs out, however long the worker keeps them
    w.expectNoMessage(Duration.ofMillis(800));
    report(w, List.of(), List.of(new JobAttempt(held.get(0).job(), 1)), 0);
    ToWorker.Cancel c = w.expectMessageClass(ToWorker.Cancel.class, Duration.ofSeconds(5));
    assertEquals(new ToWorker.Cancel(held.get(0).job(), 1, ToWorker.Cancel.LEASE_EXPIRED), c);
    w.expectNoMessage(Duration.ofMillis(500)); // the other one is still only held
  }

  @Test
  void progressCountsSplitsOnDiskRunningQueuedFailedPerCellAndPerWorker() {
    start();
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 4, "node-a");
    List<SplitJob> jobs = pull(w, 4);
    assertEquals(4, jobs.size());
    report(w, List.of(ok(jobs.get(0)), new SplitResult(jobs.get(1).job(), 1, List.of(), 8, 2, 0.5, 0, "boom")),
        List.of(), 0);
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
    assertEquals(List.of(new Progress.SplitError(plan.split(jobs.get(1).job()).id(), "node-a", "boom")),
        p.recentErrors());
    assertEquals(18, p.grid().stream().mapToInt(Progress.Cell::total).sum());
    assertEquals(2, p.grid().stream().mapToInt(Progress.Cell::done).sum());
    assertEquals(2, p.grid().stream().mapToInt(Progress.Cell::running).sum());
    assertEquals(1, p.grid().stream().mapToInt(Progress.Cell::failed).sum());
    Progress.WorkerLoad load = p.workers().get(0);
    assertEquals(List.of("node-a", 4, 2), List.of(load.node(), load.slots(), load.done()));
    assertEquals(ids(jobs.subList(2, 4)), new HashSet<>(load.current()));
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
    register(w, 2, "node");
    List<SplitJob> jobs = pull(w, 2);
    coordinator.tell(new ToCoordinator.Report(w.getRef(), List.of(ok(jobs.get(0))), List.of(), 0));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(1, o.exitCode());
    assertEquals(0, o.splits());
    assertTrue(o.problem().contains("No space left on device") && o.problem().contains("run the same command to resume"),
        o.problem());
    w.fishForMessage(Duration.ofSeconds(5), m -> m instanceof ToWorker.Finished
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    // nothing more is handed out once results can no longer be kept
    assertTrue(report(w, List.of(), List.of(), 1) instanceof ToWorker.Finished);
  }

  @Test
  void streamsTaskDataChunkByChunkOnRequest() {
    start();
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.FetchTask(w.getRef(), 0, 0));
    w.expectNoMessage(Duration.ofMillis(200)); // no data for a ref that never registered
    register(w, 1, "node");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    coordinator.tell(new ToCoordinator.FetchTask(w.getRef(), 0, 0));
    ToWorker.TaskChunk first = w.expectMessageClass(ToWorker.TaskChunk.class);
    assertEquals(plan.tasks().get(0).bundle().hash(), first.hash());
    bytes.writeBytes(first.bytes());
    for (int i = 1; i < first.chunks(); i++) {
      coordinator.tell(new ToCoordinator.FetchTask(w.getRef(), 0, i));
      bytes.writeBytes(w.expectMessageClass(ToWorker.TaskChunk.class).bytes());
    }
    w.expectNoMessage(Duration.ofMillis(100)); // nothing is pushed without a request
    assertEquals(first.sha256(), TaskBundleCodec.sha256(bytes.toByteArray()));
    TaskBundle bundle = TaskBundleCodec.decode(bytes.toByteArray());
    assertArrayEquals(plan.tasks().get(0).bundle().instance().fold(), bundle.instance().fold());
  }

  @Test
  void noJobsWhileEverythingIsLeasedAndRequeueWhenAWorkerStops() throws Exception {
    start();
    TestProbe<WorkerMessage> a = kit.createTestProbe();
    TestProbe<WorkerMessage> b = kit.createTestProbe();
    register(a, 18, "node-a");
    List<SplitJob> held = pull(a, 18);
    assertEquals(18, held.size());
    register(b, 1, "node-b");
    ToWorker.Assign none = (ToWorker.Assign) report(b, List.of(), List.of(), 1);
    assertEquals(List.of(), none.jobs());
    assertTrue(none.retryMillis() > 0, "told when to ask again");
    // a finishes one split, then dies: the other 17 go to b as attempt 2
    report(a, List.of(ok(held.get(0))), List.of(), 0);
    a.stop();
    List<SplitJob> retried = drain(b, 17);
    assertEquals(17, retried.size());
    retried.forEach(j -> assertEquals(2, j.attempt()));
    // a late result of the dead worker's first attempt is ignored
    coordinator.tell(new ToCoordinator.Report(b.getRef(), List.of(ok(held.get(1))), List.of(), 0));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(18, o.splits());
    assertEquals(18, scoreLines().stream().skip(1).filter(l -> l.contains(",node-b,2,") || l.contains(",node-a,1,"))
        .count());
  }

  /** Malformed messages (nulls, impossible counts) are dropped with a log line; the coordinator keeps serving. */
  @Test
  void malformedMessagesAreDroppedNotACrash() {
    start();
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    coordinator.tell(new ToCoordinator.Register(null, 2, "node-x"));
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 0, "node-x"));
    coordinator.tell(new ToCoordinator.Register(w.getRef(), 2, null));
    coordinator.tell(new ToCoordinator.Report(w.getRef(), null, List.of(), 5));
    coordinator.tell(new ToCoordinator.Report(w.getRef(), java.util.Arrays.asList((SplitResult) null), List.of(), 5));
    coordinator.tell(new ToCoordinator.Report(w.getRef(), List.of(), List.of(), -1));
    coordinator.tell(new ToCoordinator.FetchTask(null, 0, 0));
    coordinator.tell(new ToCoordinator.HandBack(w.getRef(), null, null));
    w.expectNoMessage(Duration.ofMillis(300));
    register(w, 2, "node-a");
    assertEquals(2, pull(w, 2).size(), "still serving after the malformed messages");
  }

  /**
   * A million splits (one task of 10,000 rows, leave-one-out, 100 learners): the plan is numbers, and
   * a progress request in the middle of the run answers from the job book's counts, with every
   * total right.
   */
  @Test
  void aProgressRequestDuringAMillionSplitPlanAnswersFromCounts() throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 10_000; i++) {
      csv.append(i).append(',').append(i % 7).append('\n');
    }
    TempFiles.write(dir, "big.csv", csv.toString());
    StringBuilder learners = new StringBuilder();
    for (int l = 1; l <= 100; l++) {
      learners.append(l > 1 ? ", " : "").append("{ id = f").append(l).append(", type = featureless }");
    }
    Path exp = TempFiles.write(dir, "big.conf", "experiment {\n  name = big\n  tasks = [ { id = big, data = \"big.csv\", "
        + "target = y, features = [x] } ]\n  learners = [ " + learners + " ]\n  resampling { type = cv, folds = 10000 }\n}\n");
    plan = new ExperimentPlanner((spec, kind) -> { }).plan(ExperimentLoader.load(exp));
    assertEquals(1_000_000, plan.splits());
    outcome = new CompletableFuture<>();
    ActorRef<Collector.Command> collector = kit.spawn(Collector.create(dir.resolve("out")), "collector");
    coordinator = kit.spawn(Coordinator.create(plan, collector, outcome, Coordinator.Settings.defaults()), "coordinator");
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 1000, "node-a");
    List<SplitJob> jobs = pull(w, 1000);
    assertEquals(1000, jobs.size());
    report(w, jobs.subList(0, 10).stream().map(CoordinatorTest::ok).toList(), List.of(), 0);
    TestProbe<Progress> probe = kit.createTestProbe();
    Progress p = probe.awaitAssert(Duration.ofSeconds(10), () -> {
      coordinator.tell(new Coordinator.GetProgress(probe.getRef()));
      Progress now = probe.receiveMessage();
      assertEquals(10, now.done(), "journaled splits");
      return now;
    });
    assertEquals(1_000_000, p.total());
    assertEquals(990, p.running());
    assertEquals(1_000_000 - 1000, p.queued());
    assertEquals(100, p.grid().size(), "one cell a learner: the answer's size follows the cells, not the splits");
    assertEquals(100, p.gridCells());
    assertEquals(10_000, p.grid().get(0).total());
    assertEquals(10, p.grid().stream().mapToInt(Progress.Cell::done).sum());
    assertEquals(1, p.workers().size());
  }

  /**
   * The progress board holds what the coordinator last published: it follows the run within
   * {@code progress-every} and says when the run is finished, without anybody asking the actor.
   */
  @Test
  void progressIsPublishedOnTheNodesBoardAndFollowsTheRun() throws Exception {
    start();
    ProgressBoard board = ProgressBoard.get(kit.system());
    // spawning is asynchronous: the coordinator publishes once it has set itself up
    Progress first = kit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertTrue(board.latest().isPresent());
      return board.latest().get();
    });
    assertEquals(plan.splits(), first.total());
    assertEquals(0, first.done());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 1, "node-a");
    List<SplitJob> jobs = pull(w, 1);
    report(w, List.of(ok(jobs.get(0))), List.of(), 0);
    w.awaitAssert(Duration.ofSeconds(5), () -> {
      Progress now = board.latest().orElseThrow();
      assertEquals(1, now.done());
      assertEquals(1, now.workers().size());
      assertEquals("node-a", now.workers().get(0).node());
      return null;
    });
    drain(w, plan.splits() - 1);
    outcome.get(10, TimeUnit.SECONDS);
    assertTrue(board.latest().orElseThrow().finished());
    assertEquals(plan.splits(), board.latest().orElseThrow().done());
  }

  private List<SplitJob> drain(TestProbe<WorkerMessage> w, int n) {
    List<SplitJob> got = new ArrayList<>();
    List<SplitResult> done = List.of();
    for (int i = 0; i < 10 * n && got.size() < n; i++) {
      WorkerMessage m = report(w, done, List.of(), 1);
      done = List.of();
      if (m instanceof ToWorker.Assign as) {
        got.addAll(as.jobs());
        done = as.jobs().stream().map(CoordinatorTest::ok).toList();
      }
    }
    coordinator.tell(new ToCoordinator.Report(w.getRef(), done, List.of(), 0));
    return got;
  }

  @Test
  void expiredLeasesAreCancelledRetriedAndFinallyAnErrorRow() throws Exception {
    start("{ id = slow, type = featureless, timeout = 0.3 }", "  max-attempts = 2\n", Coordinator.Settings.defaults());
    TestProbe<WorkerMessage> w = kit.createTestProbe();
    register(w, 18, "node");
    List<SplitJob> first = pull(w, 18);
    // never answer: every lease expires, the worker is told to cancel, the jobs come back as attempt 2
    Set<Integer> cancelled = new HashSet<>();
    while (cancelled.size() < 18) {
      ToWorker.Cancel c = w.expectMessageClass(ToWorker.Cancel.class, Duration.ofSeconds(5));
      assertEquals(1, c.attempt());
      cancelled.add(c.job());
    }
    List<SplitJob> second = pull(w, 18);
    assertEquals(18, second.size());
    second.forEach(j -> assertEquals(2, j.attempt()));
    // answer one of them late (after its first lease expired): the result of attempt 1 is dropped
    coordinator.tell(new ToCoordinator.Report(w.getRef(), List.of(ok(first.get(0)), ok(second.get(0))), List.of(), 0));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(18, o.splits());
    assertEquals(17, o.failed());
    assertEquals(1, o.exitCode());
    long gaveUp = scoreLines().stream().filter(l -> l.contains("gave up after 2 failed attempts; last: lease expired")).count();
    assertEquals(17, gaveUp);
  }

  @Test
  void jobsReleasedInAReportLeadTheQueueInTheirOrder() {
    start();
    TestProbe<WorkerMessage> a = kit.createTestProbe();
    TestProbe<WorkerMessage> b = kit.createTestProbe();
    register(a, 1, "node-a");
    register(b, 1, "node-b");
    List<SplitJob> got = ((ToWorker.Assign) report(a, List.of(), List.of(), 3)).jobs();
    assertEquals(3, got.size());
    // a started the first and gives the two it held back (a long split runs); it wants nothing now
    coordinator.tell(new ToCoordinator.Report(a.getRef(), List.of(), attempts(got.subList(0, 1)), 0,
        attempts(got.subList(1, 3))));
    assertEquals(List.of(), ((ToWorker.Assign) a.receiveMessage(Duration.ofSeconds(5))).jobs());
    List<SplitJob> next = ((ToWorker.Assign) report(b, List.of(), List.of(), 2)).jobs();
    assertEquals(attempts(got.subList(1, 3)), attempts(next), "the same attempts, in the order held, before the rest");
    // the worker that released them cannot report them: results of attempts it no longer holds are dropped
    report(a, List.of(ok(got.get(1))), List.of(), 0);
    report(b, next.stream().map(CoordinatorTest::ok).toList(), attempts(next), 0);
    ToWorker.Assign last = (ToWorker.Assign) report(a, List.of(ok(got.get(0))), List.of(), 0);
    assertEquals(List.of(), last.jobs());
  }

  @Test
  void handBackRequeuesAtOnceAndMinWorkersHoldsTheStart() {
    start("{ id = featureless }", "", new Coordinator.Settings(2, ResumedJobs.NONE));
    TestProbe<WorkerMessage> a = kit.createTestProbe();
    TestProbe<WorkerMessage> b = kit.createTestProbe();
    TestProbe<ToWorker.HandedBack> ack = kit.createTestProbe();
    register(a, 2, "node-a");
    // one worker of the two asked for: nothing yet
    assertEquals(List.of(), ((ToWorker.Assign) report(a, List.of(), List.of(), 2)).jobs());
    register(b, 2, "node-b");
    List<SplitJob> held = ((ToWorker.Assign) report(a, List.of(), List.of(), 2)).jobs();
    assertEquals(2, held.size());
    // held (not started) and handed back: re-queued at once
    coordinator.tell(new ToCoordinator.HandBack(a.getRef(), attempts(held), ack.getRef()));
    assertEquals(2, ack.expectMessageClass(ToWorker.HandedBack.class).jobs());
    List<SplitJob> again = ((ToWorker.Assign) report(b, List.of(), List.of(), 2)).jobs();
    assertEquals(ids(held), ids(again));
    // min-workers gates the start only: with worker a gone, b still gets work
    a.stop();
    List<SplitJob> more = b.awaitAssert(Duration.ofSeconds(5), () -> {
      List<SplitJob> got = ((ToWorker.Assign) report(b, List.of(), List.of(), 2)).jobs();
      assertEquals(2, got.size(), "a lone worker after a death is not held back by --min-workers");
      return got;
    });
    assertTrue(Collections.disjoint(ids(again), ids(more)));
  }
}
