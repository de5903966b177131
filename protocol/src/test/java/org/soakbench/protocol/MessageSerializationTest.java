package org.soakbench.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    kit.serializationTestKit().verifySerialization(new ToCoordinator.FetchTask(worker, "abc123"), false);
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
    TaskBundle b = bundle();
    ToWorker.TaskReply reply = (ToWorker.TaskReply) kit.serializationTestKit().verifySerialization(new ToWorker.TaskReply(b), false);
    assertArrayEquals(b.data().features().get(0).values(), reply.bundle().data().features().get(0).values());
    assertEquals(b.data().features().get(1).levels(), reply.bundle().data().features().get(1).levels());
    assertArrayEquals(b.instance().fold(), reply.bundle().instance().fold());
    assertArrayEquals(new int[] {1}, reply.bundle().instance().iterations().get(1).chosenGroups());
    assertEquals(b.instance().rows(2).train().length, reply.bundle().instance().rows(2).train().length);
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
  void resamplingInstanceTurnsAnIterationIntoRows() {
    ResamplingInstance instance = bundle().instance();
    assertArrayEquals(new int[] {0}, instance.rows(1).test());
    assertArrayEquals(new int[] {1}, instance.rows(1).train());
  }
}
