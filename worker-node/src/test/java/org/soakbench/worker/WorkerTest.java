package org.soakbench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.ServiceKeys;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;
import org.soakbench.worker.learn.LearnerRegistry;
import org.soakbench.worker.run.SplitRunner;

/** The worker's side of the pull protocol, against a probe standing in for the coordinator. */
class WorkerTest {
  ActorTestKit kit;
  ExecutorService pool;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create();
    pool = Executors.newFixedThreadPool(2);
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

  /** Answers the worker's chunk requests for {@code bundle}, one chunk per request, in 1 KiB pieces. */
  static void serve(TestProbe<CoordinatorMessage> coord, ActorRef<WorkerMessage> worker, TaskBundle bundle) {
    byte[] bytes = TaskBundleCodec.encode(bundle);
    int size = 1024;
    int chunks = (bytes.length + size - 1) / size;
    String sha = TaskBundleCodec.sha256(bytes);
    for (int i = 0; i < chunks; i++) {
      ToCoordinator.FetchTask fetch = coord.expectMessageClass(ToCoordinator.FetchTask.class);
      assertEquals(bundle.hash(), fetch.taskHash());
      assertEquals(i, fetch.chunk());
      byte[] piece = java.util.Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size));
      worker.tell(new ToWorker.TaskChunk(bundle.hash(), i, chunks, sha, piece));
    }
    assertTrue(chunks > 1, "the test bundle should span several chunks");
  }

  private static SplitJob job(TaskBundle b, String learner, int attempt) {
    return new SplitJob(b.data().taskId() + "/" + learner + "/1", b.hash(), b.data().taskId(),
        new LearnerSpec(learner, learner, Map.of()), 1, 5L, attempt, List.of("rmse"));
  }

  @Test
  void registersPullsFetchesDataOnceRunsAndReports() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker =
        kit.spawn(Worker.create(2, "w-test", pool, new SplitRunner(new LearnerRegistry())), "worker-a");
    ToCoordinator.Register reg = coord.expectMessageClass(ToCoordinator.Register.class);
    assertEquals(2, reg.slots());
    assertEquals(2, coord.expectMessageClass(ToCoordinator.Pull.class).freeSlots());

    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    worker.tell(new ToWorker.Assign(List.of(job(bundle, "featureless", 1), job(bundle, "tree", 1))));
    serve(coord, worker, bundle);
    // two results and a pull for a freed slot; data is never fetched a second time
    int done = 0;
    int pulls = 0;
    for (int i = 0; i < 4 && (done < 2 || pulls < 1); i++) {
      CoordinatorMessage m = coord.receiveMessage(Duration.ofSeconds(10));
      if (m instanceof ToCoordinator.Done d) {
        done++;
        assertNull(d.result().error());
        assertEquals(30, d.result().nTrain());
        assertEquals(10, d.result().nTest());
      } else {
        assertTrue(m instanceof ToCoordinator.Pull, "unexpected " + m);
        pulls++;
      }
    }
    assertEquals(2, done);
    assertEquals(1, pulls);
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  private static org.apache.pekko.actor.testkit.typed.FishingOutcome untilPull(CoordinatorMessage m) {
    return m instanceof ToCoordinator.Pull ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
  }

  @Test
  void cancelStopsAHungSplitAndFreesItsSlot() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker =
        kit.spawn(Worker.create(1, "w-cancel", pool, new SplitRunner(new LearnerRegistry())), "worker-c");
    coord.expectMessageClass(ToCoordinator.Register.class);
    coord.expectMessageClass(ToCoordinator.Pull.class);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    SplitJob hung = new SplitJob("reg/sleep/1", bundle.hash(), "reg", new LearnerSpec("sleep", "sleep",
        Map.of("millis", "60000")), 1, 5L, 1, List.of("rmse"));
    worker.tell(new ToWorker.Assign(List.of(hung)));
    serve(coord, worker, bundle);
    coord.expectNoMessage(Duration.ofMillis(300)); // busy: its only slot sleeps
    worker.tell(new ToWorker.Cancel(hung.jobId(), 1));
    assertEquals(1, coord.expectMessageClass(ToCoordinator.Pull.class, Duration.ofSeconds(5)).freeSlots());
    coord.expectNoMessage(Duration.ofMillis(300)); // the interrupted attempt reports nothing
  }

  @Test
  void leaveHandsBackRunningSplitsThenStops() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker =
        kit.spawn(Worker.create(2, "w-leave", pool, new SplitRunner(new LearnerRegistry())), "worker-d");
    coord.expectMessageClass(ToCoordinator.Register.class);
    coord.expectMessageClass(ToCoordinator.Pull.class);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    SplitJob a = new SplitJob("reg/sleep/1", bundle.hash(), "reg", new LearnerSpec("sleep", "sleep", Map.of("millis", "60000")),
        1, 5L, 1, List.of("rmse"));
    SplitJob b = new SplitJob("reg/sleep/2", bundle.hash(), "reg", a.learner(), 2, 6L, 3, List.of("rmse"));
    worker.tell(new ToWorker.Assign(List.of(a, b)));
    serve(coord, worker, bundle);
    TestProbe<org.apache.pekko.Done> done = kit.createTestProbe();
    worker.tell(new Worker.Leave(done.getRef()));
    ToCoordinator.HandBack back = coord.expectMessageClass(ToCoordinator.HandBack.class, Duration.ofSeconds(5));
    assertEquals(java.util.Set.of("reg/sleep/1", "reg/sleep/2"), new java.util.HashSet<>(back.jobIds()));
    back.replyTo().tell(new ToWorker.HandedBack(2));
    done.expectMessageClass(org.apache.pekko.Done.class);
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void aWorkerThatOwnsItsJvmRetiresAfterASplitRunsOutOfMemory() throws Exception {
    TestProbe<CoordinatorMessage> coord = coordinator();
    java.util.concurrent.CompletableFuture<String> retirement = new java.util.concurrent.CompletableFuture<>();
    ActorRef<WorkerMessage> worker = kit.spawn(
        Worker.create(2, "w-oom", pool, new SplitRunner(new LearnerRegistry()), retirement), "worker-oom");
    coord.expectMessageClass(ToCoordinator.Register.class);
    coord.expectMessageClass(ToCoordinator.Pull.class);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    // this test JVM has a 1 GiB heap (worker-node/pom.xml): 2000 MB cannot be allocated
    SplitJob hog = new SplitJob("reg/hog/1", bundle.hash(), "reg", new LearnerSpec("hog", "sleep",
        Map.of("millis", "0", "allocate-mb", "2000")), 1, 5L, 1, List.of("rmse"));
    SplitJob slow = new SplitJob("reg/slow/1", bundle.hash(), "reg", new LearnerSpec("slow", "sleep",
        Map.of("millis", "60000")), 1, 5L, 1, List.of("rmse"));
    worker.tell(new ToWorker.Assign(List.of(slow, hog)));
    serve(coord, worker, bundle);
    ToCoordinator.Done done = coord.expectMessageClass(ToCoordinator.Done.class, Duration.ofSeconds(10));
    assertEquals("reg/hog/1", done.result().jobId());
    assertTrue(done.result().outOfMemory(), done.result().error());
    // it takes no more work, hands back the split still running, and stops
    ToCoordinator.HandBack back = coord.expectMessageClass(ToCoordinator.HandBack.class, Duration.ofSeconds(5));
    assertEquals(List.of("reg/slow/1"), back.jobIds());
    assertEquals("split reg/hog/1 ran out of memory", retirement.get(1, java.util.concurrent.TimeUnit.SECONDS));
    back.replyTo().tell(new ToWorker.HandedBack(1));
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void aWorkerSharingItsJvmKeepsServingAfterOutOfMemory() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker =
        kit.spawn(Worker.create(1, "w-shared", pool, new SplitRunner(new LearnerRegistry())), "worker-shared");
    coord.expectMessageClass(ToCoordinator.Register.class);
    coord.expectMessageClass(ToCoordinator.Pull.class);
    TaskBundle bundle = TestTasks.bundle(TestTasks.regression(40, 9));
    SplitJob hog = new SplitJob("reg/hog/1", bundle.hash(), "reg", new LearnerSpec("hog", "sleep",
        Map.of("millis", "0", "allocate-mb", "2000")), 1, 5L, 1, List.of("rmse"));
    worker.tell(new ToWorker.Assign(List.of(hog)));
    serve(coord, worker, bundle);
    assertTrue(coord.expectMessageClass(ToCoordinator.Done.class, Duration.ofSeconds(10)).result().outOfMemory());
    assertEquals(1, coord.expectMessageClass(ToCoordinator.Pull.class, Duration.ofSeconds(5)).freeSlots());
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }

  @Test
  void nothingYetMakesItPullAgainLater() {
    TestProbe<CoordinatorMessage> coord = coordinator();
    ActorRef<WorkerMessage> worker =
        kit.spawn(Worker.create(1, "w-idle", pool, new SplitRunner(new LearnerRegistry())), "worker-b");
    coord.fishForMessage(Duration.ofSeconds(5), WorkerTest::untilPull);
    worker.tell(new ToWorker.NothingYet(50));
    assertEquals(1, coord.expectMessageClass(ToCoordinator.Pull.class, Duration.ofSeconds(5)).freeSlots());
    worker.tell(new ToWorker.Finished());
    coord.expectTerminated(worker, Duration.ofSeconds(5));
  }
}
