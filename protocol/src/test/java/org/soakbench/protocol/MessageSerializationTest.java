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
    return new SplitJob("easy/rpart/3", "abc123", "easy", new LearnerSpec("rpart", "tree", Map.of("max-depth", "30")),
        3, -42L, 2, List.of("rmse", "mae"));
  }

  static SplitResult result() {
    return new SplitResult("easy/rpart/3", 2, List.of(1.25, Double.NaN), 53, 13, 0.5, 0.01, "w1", null);
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
    kit.serializationTestKit().verifySerialization(new ToCoordinator.Pull(worker, 3), false);
    kit.serializationTestKit().verifySerialization(new ToCoordinator.FetchTask(worker, "abc123", 2), false);
    ActorRef<ToWorker.HandedBack> ack = kit.<ToWorker.HandedBack>createTestProbe().getRef();
    kit.serializationTestKit().verifySerialization(new ToCoordinator.HandBack(worker, List.of("a/b/1", "a/b/2"), ack), false);
    ToCoordinator.Done done = new ToCoordinator.Done(worker, result());
    ToCoordinator.Done back = (ToCoordinator.Done) kit.serializationTestKit().verifySerialization(done, false);
    assertEquals(done.result().measures().get(0), back.result().measures().get(0));
    assertEquals(Double.NaN, back.result().measures().get(1));
  }

  @Test
  void toWorkerMessagesRoundTrip() {
    ToWorker.Assign assign = new ToWorker.Assign(List.of(job()));
    assertEquals(assign, kit.serializationTestKit().verifySerialization(assign, true));
    kit.serializationTestKit().verifySerialization(new ToWorker.NothingYet(200), true);
    kit.serializationTestKit().verifySerialization(new ToWorker.Finished(), true);
    kit.serializationTestKit().verifySerialization(new ToWorker.Cancel("a/b/1", 2), true);
    kit.serializationTestKit().verifySerialization(new ToWorker.HandedBack(3), true);
    TaskBundle b = bundle();
    byte[] bytes = TaskBundleCodec.encode(b);
    ToWorker.TaskChunk chunk = new ToWorker.TaskChunk(b.hash(), 0, 1, TaskBundleCodec.sha256(bytes), bytes);
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
      ToWorker.TaskChunk msg = new ToWorker.TaskChunk("h", i, chunks, "", c);
      joined.writeBytes(((ToWorker.TaskChunk) kit.serializationTestKit().verifySerialization(msg, false)).bytes());
    }
    assertEquals(TaskBundleCodec.sha256(bytes), TaskBundleCodec.sha256(joined.toByteArray()));
    assertArrayEquals(x, TaskBundleCodec.decode(joined.toByteArray()).data().target());
  }

  @Test
  void messagesUseJacksonCborAndJavaSerializationIsOff() throws Exception {
    var serialization = SerializationExtension.get(kit.system().classicSystem());
    for (Class<?> c : List.of(ToWorker.Finished.class, ToCoordinator.Pull.class, TaskBundle.class)) {
      assertEquals("JacksonCborSerializer", serialization.serializerFor(c).getClass().getSimpleName(), c.getName());
    }
    // a class outside the protocol falls to Java serialization, which is disabled
    assertThrows(Exception.class, () -> serialization.serialize(new java.util.ArrayList<>(List.of(1))).get());
  }

  @Test
  void jacksonRefusesEveryClassOutsideTheProtocol() throws Exception {
    var serialization = SerializationExtension.get(kit.system().classicSystem());
    int jackson = serialization.serializerFor(ToWorker.Finished.class).identifier();
    byte[] bytes = serialization.serialize(new ToWorker.NothingYet(5)).get();
    assertEquals(new ToWorker.NothingYet(5),
        serialization.deserialize(bytes, jackson, ToWorker.NothingYet.class.getName()).get());
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
