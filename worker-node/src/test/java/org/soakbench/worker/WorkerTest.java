package org.soakbench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.JobAttempt;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.LocalBundles;
import org.soakbench.protocol.ServiceKeys;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;
import org.soakbench.worker.learn.LearnerRegistry;
import org.soakbench.worker.run.SplitRunner;

/** The worker's side of the report/assign protocol, against a probe standing in for the coordinator. */
class WorkerTest {
  static final int FEATURELESS = 0;
  static final int TREE = 1;
  static final int SLEEP = 2;
  static final int HOG = 3;
  static final int STUBBORN = 4;
  static final int IMMOVABLE = 5;
  static final ToWorker.Welcome WELCOME = new ToWorker.Welcome("run-1", List.of(
      new LearnerSpec("featureless", "featureless", Map.of()), new LearnerSpec("tree", "tree", Map.of()),
      new LearnerSpec("sleep", "sleep", Map.of("millis", "60000")),
      // this test JVM has a 1 GiB heap (worker-node/pom.xml): 2000 MB cannot be allocated
      new LearnerSpec("hog", "sleep", Map.of("millis", "0", "allocate-mb", "2000")),
      // learners that ignore interrupts, as native code does: one stops by itself soon, one far too late
      new LearnerSpec("stubborn", "sleep", Map.of("millis", "1500", "uninterruptible", "true")),
      new LearnerSpec("immovable", "sleep", Map.of("millis", "20000", "uninterruptible", "true"))),
      List.of(List.of("rmse")));

  ActorTestKit kit;
  ExecutorService pool;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create();
    pool = SplitThreads.pool();
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    pool.shutdownNow();
  }

  private TestProbe<CoordinatorMessage> coordinator() {
    TestProbe<CoordinatorMessage> probe = kit.createTestProbe();
    TestProbe<Receptionist.Registered> registered = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, probe.getRef(), registered.getRef()));
    registered.expectMessageClass(Receptionist.Registered.class);
    return probe;
  }

  /** Spawns a worker, answers its registration and returns its first report. */
  private ToCoordinator.Report welcomed(TestProbe<CoordinatorMessage> coord, ActorRef<WorkerMessage> worker,
      int slots) {
    ToCoordinator.Register reg = coord.expectMessageClass(ToCoordinator.Register.class);
    assertEquals(slots, reg.slots());
    worker.tell(WELCOME);
    return coord.expectMessageClass(ToCoordinator.Report.class);
  }

  /** Answers the worker's chunk requests for task 0, one chunk per request, in 1 KiB pieces. */
  static void serve(TestProbe<CoordinatorMessage> coord, ActorRef<WorkerMessage> worker, TaskBundle bundle) {
    byte[] bytes = TaskBundleCodec.encode(bundle);
    int size = 1024;
    int chunks = (bytes.length + size - 1) / size;
    String sha = TaskBundleCodec.sha256(bytes);
    for (int i = 0; i < chunks; i++) {
      CoordinatorMessage m = coord.receiveMessage(Duration.ofSeconds(5));
      while (m instanceof ToCoordinator.Report r) {
        worker.tell(new ToWorker.Assign(List.of(), 100)); // a report while data is on its way
        m = coord.receiveMessage(Duration.ofSeconds(5));
      }
      ToCoordinator.FetchTask fetch = (ToCoordinator.FetchTask) m;
      assertEquals(0, fetch.task());
      assertEquals(i, fetch.chunk());
      byte[] piece = java.util.Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size));
      worker.tell(new ToWorker.TaskChunk(0, bundle.hash(), i, chunks, sha, piece));
    }
    assertTrue(chunks > 1, "the test bundle should span several chunks");
  }

  /** Answers every report with no jobs (and a long retry) until {@code results} results came; returns them. */
  static List<SplitResult> results(TestProbe<CoordinatorMessage> coord, ActorRef<WorkerMessage> worker, int results,
      List<JobAttempt> started) {
    List<SplitResult> got = new ArrayList<>();
    while (got.size() < results) {
      ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(10));
      started.addAll(r.started());
      got.addAll(r.results());
      worker.tell(new ToWorker.Assign(List.of(), 60_000));
    }
    return got;
  }

  private static SplitJob job(int number, int learner, int attempt) {
    return new SplitJob(number, attempt, 0, learner, 1, 0, 5L);
  }

  private ActorRef<WorkerMessage> spawn(int slots, String name, CompletableFuture<String> retirement) {
    return kit.spawn(Worker.create(slots, name, pool, new SplitRunner(new LearnerRegistry()), retirement), name);
  }

  @Test
  void registersIsWelcomedFetchesDataOnceRunsAndReportsInBatches() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(2, "w-test", null);
    ToCoordinator.Report first = welcomed(coord, worker, 2);
    // before any split ran it asks for its slots only
    assertEquals(2, first.wanted());
    assertTrue(first.results().isEmpty());
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    worker.tell(new ToWorker.Assign(List.of(job(10, FEATURELESS, 1), job(11, TREE, 1), job(12, FEATURELESS, 2)), 0));
    serve(coord, worker, bundle);
    List<JobAttempt> started = new ArrayList<>();
    List<SplitResult> got = results(coord, worker, 3, started);
    assertEquals(Set.of(new JobAttempt(10, 1), new JobAttempt(11, 1), new JobAttempt(12, 2)), new HashSet<>(started));
    for (SplitResult r : got) {
      assertNull(r.error());
      assertEquals(30, r.nTrain());
      assertEquals(10, r.nTest());
    }
    assertEquals(Set.of(10, 11, 12), new HashSet<>(got.stream().map(SplitResult::job).toList()));
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void aWorkerInItsCoordinatorsJvmTakesTheRunsBundleWithoutFetchingIt() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    LocalBundles.get(kit.system()).publish(WELCOME.run(), List.of(bundle));
    try {
      ActorRef<WorkerMessage> worker = spawn(1, "w-local", null);
      welcomed(coord, worker, 1);
      worker.tell(new ToWorker.Assign(List.of(job(10, FEATURELESS, 1), job(11, TREE, 1)), 0));
      List<SplitResult> got = new ArrayList<>();
      while (got.size() < 2) {
        // a FetchTask here would fail the cast: the data must come from the JVM, not the coordinator
        ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(10));
        got.addAll(r.results());
        worker.tell(new ToWorker.Assign(List.of(), 60_000));
      }
      got.forEach(r -> assertNull(r.error()));
      assertEquals(Set.of(10, 11), new HashSet<>(got.stream().map(SplitResult::job).toList()));
      // another run's workers (another fingerprint) find nothing
      assertNull(LocalBundles.get(kit.system()).find("another run", 0));
    } finally {
      LocalBundles.get(kit.system()).withdraw(WELCOME.run());
    }
  }

  @Test
  void registersAgainUntilWelcomed() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-again", null);
    coord.expectMessageClass(ToCoordinator.Register.class);
    // soakbench.worker.register-retry = 1s: a lost registration or welcome does not strand it
    coord.expectMessageClass(ToCoordinator.Register.class, Duration.ofSeconds(3));
    worker.tell(WELCOME);
    coord.expectMessageClass(ToCoordinator.Report.class);
    worker.tell(WELCOME); // the answer to the repeated registration changes nothing
    worker.tell(new ToWorker.Assign(List.of(), 60_000));
    coord.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void cancelStopsAHungSplitAndFreesItsSlot() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-cancel", null);
    welcomed(coord, worker, 1);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    SplitJob hung = job(3, SLEEP, 1);
    worker.tell(new ToWorker.Assign(List.of(hung), 0));
    serve(coord, worker, bundle);
    List<JobAttempt> started = new ArrayList<>();
    while (started.isEmpty()) {
      ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
      started.addAll(r.started());
      worker.tell(new ToWorker.Assign(List.of(), 100));
    }
    assertEquals(List.of(new JobAttempt(3, 1)), started);
    worker.tell(new ToWorker.Cancel(3, 1, ToWorker.Cancel.LEASE_EXPIRED));
    // its slot is free again: it asks for its slot and window (at the latest when the retry delay is
    // over), and the interrupted attempt reports nothing
    for (int i = 0; ; i++) {
      ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
      assertTrue(r.results().isEmpty(), r.toString());
      if (r.wanted() >= 1) {
        break;
      }
      assertTrue(i < 20, "never asked for its freed slot");
      worker.tell(new ToWorker.Assign(List.of(), 100));
    }
  }

  @Test
  void leaveHandsBackRunningAndHeldSplitsThenStops() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(2, "w-leave", null);
    welcomed(coord, worker, 2);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    // two run, the third waits for a slot
    worker.tell(new ToWorker.Assign(List.of(job(1, SLEEP, 1), job(2, SLEEP, 3), job(4, SLEEP, 1)), 0));
    serve(coord, worker, bundle);
    TestProbe<org.apache.pekko.Done> done = kit.createTestProbe();
    worker.tell(new Worker.Leave(done.getRef()));
    CoordinatorMessage m = coord.receiveMessage(Duration.ofSeconds(5));
    while (m instanceof ToCoordinator.Report) {
      m = coord.receiveMessage(Duration.ofSeconds(5));
    }
    ToCoordinator.HandBack back = (ToCoordinator.HandBack) m;
    assertEquals(Set.of(new JobAttempt(1, 1), new JobAttempt(2, 3), new JobAttempt(4, 1)), new HashSet<>(back.jobs()));
    back.replyTo().tell(new ToWorker.HandedBack(3));
    done.expectMessageClass(org.apache.pekko.Done.class);
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void aWorkerThatOwnsItsJvmRetiresAfterASplitRunsOutOfMemory() throws Exception {
    TestProbe<CoordinatorMessage> coord = coordinator();
    CompletableFuture<String> retirement = new CompletableFuture<>();
    ActorRef<WorkerMessage> worker = spawn(2, "w-oom", retirement);
    welcomed(coord, worker, 2);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    worker.tell(new ToWorker.Assign(List.of(job(7, SLEEP, 1), job(8, HOG, 1)), 0));
    serve(coord, worker, bundle);
    // the out-of-memory result is reported before the hand-back of the split still running
    List<SplitResult> results = new ArrayList<>();
    CoordinatorMessage m = coord.receiveMessage(Duration.ofSeconds(10));
    while (m instanceof ToCoordinator.Report r) {
      results.addAll(r.results());
      worker.tell(new ToWorker.Assign(List.of(), 60_000));
      m = coord.receiveMessage(Duration.ofSeconds(10));
    }
    assertEquals(1, results.size());
    assertEquals(8, results.get(0).job());
    assertTrue(results.get(0).outOfMemory(), results.get(0).error());
    ToCoordinator.HandBack back = (ToCoordinator.HandBack) m;
    assertEquals(List.of(new JobAttempt(7, 1)), back.jobs());
    assertEquals("split 8 ran out of memory", retirement.get(1, TimeUnit.SECONDS));
    back.replyTo().tell(new ToWorker.HandedBack(1));
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void aWorkerSharingItsJvmKeepsServingAfterOutOfMemory() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-shared", null);
    welcomed(coord, worker, 1);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    worker.tell(new ToWorker.Assign(List.of(job(9, HOG, 1)), 0));
    serve(coord, worker, bundle);
    List<SplitResult> got = results(coord, worker, 1, new ArrayList<>());
    assertTrue(got.get(0).outOfMemory());
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void anEmptyAnswerMakesItAskAgainAfterTheRetryDelay() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-idle", null);
    assertEquals(1, welcomed(coord, worker, 1).wanted());
    worker.tell(new ToWorker.Assign(List.of(), 50));
    assertEquals(1, coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5)).wanted());
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void jobsHeldBehindASplitFarLongerThanUsualGoBack() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-behind", null);
    welcomed(coord, worker, 1);
    // the 60 s sleep runs; the two jobs held behind it would wait that long
    worker.tell(new ToWorker.Assign(List.of(job(7, SLEEP, 1), job(8, FEATURELESS, 1), job(9, FEATURELESS, 1)), 0));
    serve(coord, worker, TestTasks.bundle(TestTasks.regression(40, 9)));
    List<JobAttempt> released = new ArrayList<>();
    List<JobAttempt> started = new ArrayList<>();
    while (released.isEmpty()) {
      ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
      started.addAll(r.started());
      released.addAll(r.released());
      if (!r.released().isEmpty()) {
        assertEquals(0, r.wanted(), "nothing more is wanted while the only slot runs the long split");
      }
      worker.tell(new ToWorker.Assign(List.of(), 100));
    }
    assertEquals(List.of(new JobAttempt(8, 1), new JobAttempt(9, 1)), released, "in the order they were held");
    assertEquals(List.of(new JobAttempt(7, 1)), started);
    worker.tell(new ToWorker.Cancel(7, 1, ToWorker.Cancel.LEASE_EXPIRED));
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void aSlotThatRunsDryAfterAnEmptyAnswerAsksAtOnce() {
    slotRunsDry(false);
  }

  @Test
  void aSlotThatRunsDryWhileTheEmptyAnswerTravelsAsksAtOnce() {
    slotRunsDry(true);
  }

  private void slotRunsDry(boolean endsBeforeTheAnswer) {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(2, "w-dry", null);
    assertEquals(2, welcomed(coord, worker, 2).wanted());
    worker.tell(new ToWorker.Assign(List.of(job(7, SLEEP, 1)), 0));
    serve(coord, worker, TestTasks.bundle(TestTasks.regression(40, 9)));
    ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
    while (r.started().isEmpty()) {
      worker.tell(new ToWorker.Assign(List.of(), 100));
      r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
    }
    assertEquals(1, r.wanted(), "one slot runs the sleep, the other is idle");
    if (endsBeforeTheAnswer) {
      // the split ends while the answer is on its way: the refusal was about one idle slot, not two
      worker.tell(new ToWorker.Cancel(7, 1, ToWorker.Cancel.LEASE_EXPIRED));
      coord.expectNoMessage(Duration.ofMillis(300)); // one report in flight at a time
    }
    // the coordinator has nothing for the idle slot (say the tail of the queue is held elsewhere)
    worker.tell(new ToWorker.Assign(List.of(), 60_000));
    if (!endsBeforeTheAnswer) {
      coord.expectNoMessage(Duration.ofMillis(300));
      // the running split ends (cancelled here): its slot runs dry and asks now, not in 60 s
      worker.tell(new ToWorker.Cancel(7, 1, ToWorker.Cancel.LEASE_EXPIRED));
    }
    assertEquals(2, coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5)).wanted());
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  /** Replaces the test kit with one whose worker settings are {@code settings} (HOCON). */
  private void restartKit(String settings) {
    kit.shutdownTestKit();
    kit = ActorTestKit.create(com.typesafe.config.ConfigFactory.parseString(settings)
        .withFallback(com.typesafe.config.ConfigFactory.load()));
  }

  /** Runs {@code job} on a welcomed one-slot worker and returns once the worker reported it started. */
  private void startOne(TestProbe<CoordinatorMessage> coord, ActorRef<WorkerMessage> worker, SplitJob job) {
    welcomed(coord, worker, 1);
    worker.tell(new ToWorker.Assign(List.of(job), 0));
    serve(coord, worker, TestTasks.bundle(TestTasks.regression(40, 9)));
    List<JobAttempt> started = new ArrayList<>();
    while (started.isEmpty()) {
      ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
      started.addAll(r.started());
      worker.tell(new ToWorker.Assign(List.of(), 100));
    }
    assertEquals(List.of(new JobAttempt(job.job(), job.attempt())), started);
  }

  @Test
  void aCancelledSplitThatIgnoresTheInterruptKeepsItsSlotUntilItStops() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-stubborn", null);
    startOne(coord, worker, job(4, STUBBORN, 1));
    long cancelled = System.nanoTime();
    worker.tell(new ToWorker.Cancel(4, 1, ToWorker.Cancel.LEASE_EXPIRED));
    // the learner goes on for about 1.5 s: until then the slot is not free and nothing is asked for
    coord.expectNoMessage(Duration.ofMillis(1000));
    ToCoordinator.Report free = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(10));
    assertEquals(1, free.wanted(), free.toString());
    assertTrue(free.results().isEmpty(), "a cancelled attempt reports nothing");
    assertTrue(System.nanoTime() - cancelled >= 1_000_000_000L, "asked for the slot only once the split stopped");
  }

  @Test
  void aSplitThatNeverStopsIsAbandonedAfterTheGraceAndANewThreadServesItsSlot() {
    restartKit("soakbench.worker.cancel-grace = 300ms");
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-immovable", null);
    startOne(coord, worker, job(5, IMMOVABLE, 1));
    long cancelled = System.nanoTime();
    worker.tell(new ToWorker.Cancel(5, 1, ToWorker.Cancel.LEASE_EXPIRED));
    // after the grace period the slot is given up for lost and asked for again
    assertEquals(1, coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5)).wanted());
    assertTrue(System.nanoTime() - cancelled >= 250_000_000L, "not before the grace period");
    worker.tell(new ToWorker.Assign(List.of(job(6, FEATURELESS, 1)), 0));
    // the next split runs on a new thread while the abandoned one still sleeps
    List<SplitResult> got = results(coord, worker, 1, new ArrayList<>());
    assertEquals(6, got.get(0).job());
    assertNull(got.get(0).error());
  }

  @Test
  void aReportLeftUnansweredIsSentAgainWithItsResults() {
    restartKit("soakbench.worker.report-timeout = 500ms");
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker = spawn(1, "w-lost", null);
    welcomed(coord, worker, 1);
    worker.tell(new ToWorker.Assign(List.of(job(7, FEATURELESS, 1)), 0));
    serve(coord, worker, TestTasks.bundle(TestTasks.regression(40, 9)));
    ToCoordinator.Report withResult = null;
    while (withResult == null) {
      ToCoordinator.Report r = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
      if (r.results().isEmpty()) {
        worker.tell(new ToWorker.Assign(List.of(), 60_000));
      } else {
        withResult = r;
      }
    }
    // that report (or its answer) is lost: the same result comes again, once the timeout is over
    long sent = System.nanoTime();
    ToCoordinator.Report again = coord.expectMessageClass(ToCoordinator.Report.class, Duration.ofSeconds(5));
    assertTrue(System.nanoTime() - sent >= 400_000_000L, "not before the timeout");
    assertEquals(withResult.results(), again.results());
    worker.tell(new ToWorker.Assign(List.of(), 60_000));
    coord.expectNoMessage(Duration.ofMillis(800)); // answered: nothing is sent again
  }
}
