package org.soakbench.deploy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.LoggerFactory;
import org.soakbench.protocol.SerializationWarmUp;
import org.soakbench.protocol.WorkerMessage;
import org.soakbench.worker.Worker;
import org.soakbench.worker.WorkerSettings;
import org.soakbench.worker.learn.LearnerRegistry;
import org.soakbench.worker.run.SplitRunner;

/**
 * A worker node: joins the coordinator's cluster (retrying until it is there), runs one worker
 * with {@code slots} slots, and on SIGTERM hands its running splits back before leaving. After a split
 * runs out of memory it leaves the same way, so that its supervisor can start a fresh JVM.
 */
final class WorkerNode {
  /**
   * How a worker node ended: the run is over, it was asked to leave (SIGTERM), it lost the cluster,
   * it left because a split ran out of memory (its JVM should be replaced), it found no
   * coordinator to join in time, or it left before the end of its walltime.
   */
  enum Ending { RUN_FINISHED, LEFT, LOST, OUT_OF_MEMORY, NO_COORDINATOR, WALLTIME }

  /** Why a worker node shuts itself down; the shutdown leaves the cluster before the JVM goes. */
  private enum SelfShutdown implements CoordinatedShutdown.Reason { RUN_FINISHED, OUT_OF_MEMORY, WALLTIME }

  /** How long a node may take to terminate once its coordinated shutdown has run every phase. */
  static final Duration TERMINATE_GRACE = Duration.ofSeconds(10);

  private WorkerNode() {}

  /**
   * @param joinTimeout how long to try joining before giving up, null for ever
   * @param end when the node's time is up (its SLURM job's limit), null for never: it hands its
   *     splits back and leaves {@code soakbench.worker.walltime-margin} before
   */
  static Ending run(String join, String host, int port, int slots, Tls tls, Duration joinTimeout, Instant end)
      throws Exception {
    ShutdownNoiseFilter.nodeStarted();
    ExecutorService pool = org.soakbench.worker.SplitThreads.pool();
    CompletableFuture<ActorRef<WorkerMessage>> workerRef = new CompletableFuture<>();
    CompletableFuture<String> retirement = new CompletableFuture<>();
    Config config = NodeConfig.of(host, port, join, "127.0.0.1", 0, tls);
    if (joinTimeout != null) {
      config = ConfigFactory.parseMap(Map.of("pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes",
          joinTimeout.toMillis() + "ms")).withFallback(config);
    }
    Instant leaveAt = end == null ? null
        : end.minus(WorkerSettings.from(config).walltimeMargin());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
      var address = Cluster.get(ctx.getSystem()).selfMember().address();
      String name = address.host().get() + ":" + address.port().get();
      ActorRef<WorkerMessage> worker = ctx.spawn(
          Worker.create(slots, name, pool, new SplitRunner(new LearnerRegistry()), retirement, leaveAt), "worker");
      ctx.watch(worker);
      workerRef.complete(worker);
      ctx.spawn(CoordinatorWatch.create(), "coordinator-watch");
      // the node lives as long as its worker: the run is over, or the worker handed back and left.
      // A coordinated shutdown (not just stopping) leaves the cluster first, so the coordinator sees a
      // member leave instead of one to detect as unreachable and down.
      return Behaviors.receive(Void.class).onSignal(Terminated.class, t -> {
        CoordinatedShutdown.get(ctx.getSystem())
            .run(retirement.isDone() ? SelfShutdown.OUT_OF_MEMORY : SelfShutdown.RUN_FINISHED);
        return Behaviors.same();
      }).build();
    }), NodeConfig.SYSTEM, config);
    SerializationWarmUp.start(system); // while the node joins
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    if (end != null) {
      leaveBefore(system, shutdown, end);
    }
    // the first phase runs whatever the reason: it tells awaitEnd that the node's life is over
    CompletableFuture<Object> shutdownBegan = new CompletableFuture<>();
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "note-shutdown-began", () -> {
      ShutdownNoiseFilter.shutdownBegan();
      shutdownBegan.complete(Done.getInstance());
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "hand-back-splits", () -> {
      Object why = shutdown.getShutdownReason().orElse(null);
      if (!(why instanceof CoordinatedShutdown.JvmExitReason$) && why != SelfShutdown.WALLTIME) {
        return CompletableFuture.completedFuture(Done.getInstance()); // the worker already stopped
      }
      return AskPattern.<WorkerMessage, Done>ask(workerRef.join(), Worker.Leave::new, Duration.ofSeconds(15),
              system.scheduler())
          .exceptionally(failure -> Done.getInstance());
    });
    try {
      awaitEnd(system, shutdown, shutdownBegan);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
    Object reason = shutdown.getShutdownReason().orElse(null);
    if (reason == SelfShutdown.OUT_OF_MEMORY) {
      return Ending.OUT_OF_MEMORY;
    }
    if (reason instanceof CoordinatedShutdown.JvmExitReason$) {
      return Ending.LEFT;
    }
    if (reason == SelfShutdown.WALLTIME) {
      return Ending.WALLTIME;
    }
    if (reason instanceof CoordinatedShutdown.ClusterJoinUnsuccessfulReason$) {
      return Ending.NO_COORDINATOR;
    }
    return reason instanceof CoordinatedShutdown.ClusterDowningReason$ || reason == CoordinatorWatch.CoordinatorLeft.INSTANCE
        ? Ending.LOST : Ending.RUN_FINISHED;
  }

  /** Hands the splits back and leaves {@code walltime-margin} before {@code end}, as SIGTERM would. */
  private static void leaveBefore(ActorSystem<Void> system, CoordinatedShutdown shutdown, Instant end) {
    Duration margin = WorkerSettings.from(system.settings().config()).walltimeMargin();
    Duration delay = Duration.between(Instant.now(), end.minus(margin));
    system.scheduler().scheduleOnce(delay.isNegative() ? Duration.ZERO : delay, () -> {
      LoggerFactory.getLogger(WorkerNode.class).info("{} s before the end of its walltime ({}): handing the splits "
          + "back and leaving", margin.toSeconds(), end);
      shutdown.run(SelfShutdown.WALLTIME);
    }, system.executionContext());
  }

  /**
   * Waits until the node has terminated, or its coordinated shutdown has run every phase (each is
   * bounded by its timeout) and {@link #TERMINATE_GRACE} more went by: Artery's flush can hang for
   * minutes on a TCP connection into a dead link, and the worker must still get on with its life.
   */
  private static void awaitEnd(ActorSystem<Void> system, CoordinatedShutdown shutdown,
      CompletableFuture<Object> shutdownBegan) throws Exception {
    CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
    CompletableFuture.anyOf(terminated, shutdownBegan).get();
    if (terminated.isDone()) {
      return;
    }
    CoordinatedShutdown.Reason reason = shutdown.getShutdownReason().orElseThrow();
    CompletableFuture.anyOf(terminated, shutdown.runAll(reason).toCompletableFuture()).get();
    try {
      terminated.get(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LoggerFactory.getLogger(WorkerNode.class).warn("the node did not terminate {} s after its shutdown (a dead link "
          + "holds its remoting); going on without it", TERMINATE_GRACE.toSeconds());
    }
  }
}
