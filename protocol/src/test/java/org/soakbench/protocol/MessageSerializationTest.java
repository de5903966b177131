package org.soakbench.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every remote message round-trips through Jackson CBOR; Java serialization is refused. */
class MessageSerializationTest {
  static ActorTestKit kit;
  static ActorRef<WorkerMessage> worker;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create();
    worker = kit.<WorkerMessage>createTestProbe().getRef();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static SplitJob job() {
    return new SplitJob(999_999, 2, 17, 3, 100, 1, -42L);
  }

  static SplitResult result() {
    return new SplitResult(999_999, 2, List.of(1.25, Double.NaN), 53, 13, 0.5, 0.01, null);
  }

  /** Artery's default maximum frame size. */
  static final int FRAME_BYTES = 256 * 1024;

  static int wireSize(Object message) {
    var serialization = SerializationExtension.get(kit.system().classicSystem());
    return serialization.serialize(message).get().length;
  }

  static TaskBundle bundle() {
    TaskData data = new TaskData("easy", TaskKind.CLASSIFICATION,
        List.of(new FeatureColumn("x", new double[] {1.5, -2}, null), new FeatureColumn("c", new double[] {0, 1}, List.of("a", "b"))),
        new double[] {0, 1}, List.of("no", "yes"), 1);
    ResamplingInstance instance = new ResamplingInstance(List.of("Alice", "Bob"), new int[] {0, 1}, new int[] {0, 1},
        new int[] {1, 2}, List.of(new SplitSpec(1, "Alice", "all", 1, 1, 1, 1, null),
            new SplitSpec(2, "Bob", "same", 1, 2, 1, 1, new int[] {1})));
    return new TaskBundle("abc123", data, instance);
  }

  @Test
  void toCoordinatorMessagesRoundTrip() {
    kit.serializationTestKit().verifySerialization(new ToCoordinator.Register(worker, 4, "node-a"), false);
    assertEquals(12_345L, ((ToCoordinator.Register) kit.serializationTestKit().verifySerialization(
        new ToCoordinator.Register(worker, 4, "node-a", 12_345), false)).millisLeft());
    kit.serializationTestKit().verifySerialization(new ToCoordinator.FetchTask(worker, 7, 2), false);
    ActorRef<ToWorker.HandedBack> ack = kit.<ToWorker.HandedBack>createTestProbe().getRef();
    ToCoordinator.HandBack hand = new ToCoordinator.HandBack(worker, List.of(new JobAttempt(1, 1), new JobAttempt(2, 3)), ack);
    assertEquals(hand.jobs(), ((ToCoordinator.HandBack) kit.serializationTestKit().verifySerialization(hand, false)).jobs());
    SplitResult failed = new SplitResult(5, 1, List.of(), 10, 3, 0.1, 0, "IllegalStateException: no rows");
    ToCoordinator.Report report = new ToCoordinator.Report(worker, List.of(result(), failed),
        List.of(new JobAttempt(6, 1)), 12, List.of(new JobAttempt(7, 2), new JobAttempt(8, 1)));
    ToCoordinator.Report back = (ToCoordinator.Report) kit.serializationTestKit().verifySerialization(report, false);
    assertEquals(report.results().get(1), back.results().get(1));
    assertEquals(report.results().get(0).measures().get(0), back.results().get(0).measures().get(0));
    assertEquals(Double.NaN, back.results().get(0).measures().get(1));
    assertEquals(report.started(), back.started());
    assertEquals(12, back.wanted());
    assertEquals(report.released(), back.released());
  }

  @Test
  void theWarmUpSendsEveryRemoteMessageTypeThroughTheSerializer() {
    java.util.Set<Class<?>> sampled = new java.util.HashSet<>();
    for (Object sample : SerializationWarmUp.samples(worker)) {
      kit.serializationTestKit().verifySerialization(sample, false);
      sampled.add(sample.getClass());
    }
    java.util.Set<Class<?>> remote = new java.util.HashSet<>();
    for (Class<?> root : List.of(ToCoordinator.class, ToWorker.class)) {
      remote.addAll(List.of(root.getPermittedSubclasses()));
    }
    assertEquals(remote, sampled);
    assertEquals(remote.size(), SerializationWarmUp.roundTrip(kit.system()));
  }

  @Test
  void theLargestBatchesStayFarBelowTheArteryFrame() {
    // the coordinator's cap (soakbench.coordinator.assign-max) with the largest numbers a study has
    List<SplitJob> jobs = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      jobs.add(new SplitJob(Integer.MAX_VALUE - i, 99, 1_000_000, 1000, 100_000, 3, Long.MIN_VALUE + i));
    }
    int assign = wireSize(new ToWorker.Assign(jobs, 0));
    assertTrue(assign < FRAME_BYTES / 4, "1000 jobs take " + assign + " bytes");
    // a report is cut by its bytes bound (soakbench.worker.report-max-bytes = 64 KiB): fill it with
    // the longest errors, in characters that take 3 bytes in UTF-8
    String longest = "\u20ac".repeat(SplitResult.MAX_ERROR_CHARS + 50);
    List<SplitResult> results = new java.util.ArrayList<>();
    int bound = 0;
    while (true) {
      SplitResult r = new SplitResult(Integer.MAX_VALUE, 99, List.of(), 1 << 30, 1 << 30, 1e300, 1e300, longest);
      if (bound + r.wireBytesBound() > 64 * 1024) {
        break;
      }
      bound += r.wireBytesBound();
      results.add(r);
    }
    assertEquals(SplitResult.MAX_ERROR_CHARS, results.get(0).error().length(), "errors are cut");
    List<JobAttempt> started = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      started.add(new JobAttempt(Integer.MAX_VALUE - i, 99));
    }
    List<JobAttempt> released = started.subList(0, 1000); // at most prefetch-max are held
    int report = wireSize(new ToCoordinator.Report(worker, results, started, 2000, released));
    assertTrue(report <= bound + 12 * (started.size() + released.size()) + 256,
        "the bound holds: " + report + " > " + bound);
    assertTrue(report < FRAME_BYTES / 2, "report of " + results.size() + " errors takes " + report + " bytes");
    // and many successful results fit one report at a few dozen bytes each
    List<SplitResult> ok = java.util.Collections.nCopies(1000, result());
    int okBytes = wireSize(new ToCoordinator.Report(worker, ok, List.of(), 0));
    assertTrue(okBytes < 1000 * result().wireBytesBound(), okBytes + " bytes");
    assertTrue(okBytes < 64 * 1024, okBytes + " bytes for 1000 results");
  }

  @Test
  void toWorkerMessagesRoundTrip() {
    ToWorker.Assign assign = new ToWorker.Assign(List.of(job(), new SplitJob(0, 1, 0, 0, 1, 0, 5L)), 0);
    assertEquals(assign, kit.serializationTestKit().verifySerialization(assign, true));
    kit.serializationTestKit().verifySerialization(new ToWorker.Assign(List.of(), 200), true);
    ToWorker.Welcome welcome = new ToWorker.Welcome("f00d", List.of(new LearnerSpec("rpart", "tree",
        Map.of("max-depth", "30"))), List.of(List.of("rmse", "mae"), List.of("ce")));
    assertEquals(welcome, kit.serializationTestKit().verifySerialization(welcome, true));
    kit.serializationTestKit().verifySerialization(new ToWorker.Finished(), true);
    kit.serializationTestKit().verifySerialization(new ToWorker.Cancel(41, 2, ToWorker.Cancel.LEASE_EXPIRED), true);
    kit.serializationTestKit().verifySerialization(new ToWorker.HandedBack(3), true);
    TaskBundle b = bundle();
    byte[] bytes = TaskBundleCodec.encode(b);
    ToWorker.TaskChunk chunk = new ToWorker.TaskChunk(3, b.hash(), 0, 1, TaskBundleCodec.sha256(bytes), bytes);
    ToWorker.TaskChunk back = (ToWorker.TaskChunk) kit.serializationTestKit().verifySerialization(chunk, false);
    assertArrayEquals(bytes, back.bytes());
    TaskBundle decoded = TaskBundleCodec.decode(back.bytes());
    assertArrayEquals(b.data().features().get(0).values(), decoded.data().features().get(0).values());
    assertEquals(b.data().features().get(1).levels(), decoded.data().features().get(1).levels());
    assertArrayEquals(b.instance().fold(), decoded.instance().fold());
    assertArrayEquals(new int[] {1}, decoded.instance().iterations().get(1).chosenGroups());
  }

  @Test
  void bigBundlesAreCutIntoChunksBelowTheArteryFrame() {
    int n = 50_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sqrt(i);
    }
    TaskData data = new TaskData("big", TaskKind.REGRESSION, List.of(new FeatureColumn("x", x, null)), x, null, -1);
    TaskBundle b = new TaskBundle("h", data, new ResamplingInstance(List.of("full"), new int[n], new int[n], new int[n], List.of()));
    byte[] bytes = TaskBundleCodec.encode(b);
    int chunks = TaskBundleCodec.chunks(bytes);
    assertTrue(chunks > 3, "chunks " + chunks);
    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < chunks; i++) {
      byte[] c = TaskBundleCodec.chunk(bytes, i);
      assertTrue(c.length <= TaskBundleCodec.CHUNK_BYTES);
      ToWorker.TaskChunk msg = new ToWorker.TaskChunk(0, "h", i, chunks, "", c);
      joined.writeBytes(((ToWorker.TaskChunk) kit.serializationTestKit().verifySerialization(msg, false)).bytes());
    }
    assertEquals(TaskBundleCodec.sha256(bytes), TaskBundleCodec.sha256(joined.toByteArray()));
    assertArrayEquals(x, TaskBundleCodec.decode(joined.toByteArray()).data().target());
  }

  @Test
  void messagesUseJacksonCborAndJavaSerializationIsOff() throws Exception {
    var serialization = SerializationExtension.get(kit.system().classicSystem());
    for (Class<?> c : List.of(ToWorker.Finished.class, ToCoordinator.Report.class, TaskBundle.class)) {
      assertEquals("JacksonCborSerializer", serialization.serializerFor(c).getClass().getSimpleName(), c.getName());
    }
    // a class outside the protocol falls to Java serialization, which is disabled
    assertThrows(Exception.class, () -> serialization.serialize(new java.util.ArrayList<>(List.of(1))).get());
  }

  @Test
  void jacksonRefusesEveryClassOutsideTheProtocol() throws Exception {
    var serialization = SerializationExtension.get(kit.system().classicSystem());
    int jackson = serialization.serializerFor(ToWorker.Finished.class).identifier();
    byte[] bytes = serialization.serialize(new ToWorker.HandedBack(5)).get();
    assertEquals(new ToWorker.HandedBack(5),
        serialization.deserialize(bytes, jackson, ToWorker.HandedBack.class.getName()).get());
    // a peer naming another class in the manifest gets nothing built: neither a JDK class, nor one of
    // soakbench's own non-message classes, nor a known deserialization gadget
    for (String manifest : List.of("java.util.HashMap", Digests.class.getName(), "com.sun.rowset.JdbcRowSetImpl",
        "org.apache.commons.collections.functors.InvokerTransformer")) {
      var attempt = serialization.deserialize(bytes, jackson, manifest);
      assertTrue(attempt.isFailure(), manifest + " was deserialized");
      assertTrue(attempt.failed().get().getMessage().contains("allowed"), attempt.failed().get().getMessage());
    }
    // and no default typing: a payload cannot name its own classes
    var mapper = org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider.get(kit.system().classicSystem())
        .getOrCreate("jackson-cbor", java.util.Optional.empty());
    org.junit.jupiter.api.Assertions.assertNull(
        mapper.getDeserializationConfig().getDefaultTyper(mapper.constructType(Object.class)));
  }

  @Test
  void resamplingInstanceTurnsAnIterationIntoRows() {
    ResamplingInstance instance = bundle().instance();
    assertArrayEquals(new int[] {0}, instance.rows(1).test());
    assertArrayEquals(new int[] {1}, instance.rows(1).train());
  }
}
