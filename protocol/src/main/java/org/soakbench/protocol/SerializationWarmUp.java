package org.soakbench.protocol;

import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * Sends one made-up instance of every remote message through the node's own serializer and back,
 * on a background thread while the node waits to join or for workers. The first message of each
 * type otherwise pays for building its Jackson serializer and deserializer (130 ms for the first
 * {@code Register} of a fresh JVM, 90 ms for a {@code Report}), and a new worker's first messages are
 * the ones its first split waits for.
 */
public final class SerializationWarmUp {
  private SerializationWarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once. */
  public static void start(ActorSystem<?> system) {
    Thread t = new Thread(() -> {
      try {
        roundTrip(system);
      } catch (RuntimeException | LinkageError e) {
        // only time is at stake: a message that cannot be serialised fails loudly when it is sent
        system.log().debug("serialization warm-up failed", e);
      }
    }, "serialization-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Serialises and deserialises every sample (and a task bundle); returns how many messages went through. */
  public static int roundTrip(ActorSystem<?> system) {
    Serialization serialization = SerializationExtension.get(system.classicSystem());
    List<Object> samples = samples(system.ignoreRef());
    for (Object message : samples) {
      byte[] bytes = serialization.serialize(message).get();
      Serializer serializer = serialization.findSerializerFor(message);
      serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
    }
    TaskBundleCodec.decode(TaskBundleCodec.encode(bundle()));
    return samples.size();
  }

  /** One instance of every message type a worker and a coordinator exchange. */
  @SuppressWarnings("unchecked")
  static List<Object> samples(ActorRef<?> ref) {
    ActorRef<WorkerMessage> worker = (ActorRef<WorkerMessage>) ref;
    ActorRef<ToWorker.HandedBack> replyTo = (ActorRef<ToWorker.HandedBack>) ref;
    SplitResult result = new SplitResult(1, 1, List.of(0.5, Double.NaN), 80, 20, 0.01, 0.001, null);
    return List.of(
        new ToCoordinator.Register(worker, 1, "warm-up", 60_000),
        new ToCoordinator.Report(worker, List.of(result), List.of(new JobAttempt(2, 1)), 2, List.of(new JobAttempt(3, 1))),
        new ToCoordinator.FetchTask(worker, 0, 0),
        new ToCoordinator.HandBack(worker, List.of(new JobAttempt(4, 2)), replyTo),
        new ToWorker.Welcome("warm-up", List.of(new LearnerSpec("featureless", "featureless", Map.of("k", "v"))),
            List.of(List.of("regr.mse"))),
        new ToWorker.Assign(List.of(new SplitJob(1, 1, 0, 0, 1, 0, 42L)), 100),
        new ToWorker.Finished(),
        new ToWorker.TaskChunk(0, "hash", 0, 1, "sha", new byte[] {1, 2, 3}),
        new ToWorker.Cancel(1, 1, ToWorker.Cancel.LEASE_EXPIRED),
        new ToWorker.HandedBack(1));
  }

  private static TaskBundle bundle() {
    TaskData data = new TaskData("warm-up", TaskKind.REGRESSION,
        List.of(new FeatureColumn("x", new double[] {1, 2}, null), new FeatureColumn("c", new double[] {0, 1},
            List.of("a", "b"))), new double[] {0.5, 1.5}, null, -1);
    ResamplingInstance instance = new ResamplingInstance(List.of("A"), new int[] {0, 0}, new int[] {0, 1},
        new int[] {1, 2}, List.of(new SplitSpec(1, "A", "same", 2, 1, 1, 1, null)));
    return new TaskBundle("hash", data, instance);
  }
}
