package org.soakbench.deploy;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.run.ResumedJobs;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.run.Coordinator;
import org.soakbench.coordinator.run.ProgressBoard;
import org.soakbench.coordinator.run.MembershipLog;
import org.soakbench.coordinator.run.Progress;
import org.soakbench.coordinator.run.RunOutcome;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.SerializationWarmUp;
import org.soakbench.worker.Worker;
import org.soakbench.worker.learn.LearnerRegistry;
import org.soakbench.worker.run.SplitRunner;

/**
 * A coordinator node: founds the cluster (it is its own seed), runs the coordinator and collector,
 * optionally local single-slot workers, and Pekko Management. {@code soakbench run} is this node on
 * 127.0.0.1 with local workers; {@code soakbench coordinator} is the same node on a public address.
 */
final class CoordinatorNode {
  /**
   * Asks the progress endpoint once, on a daemon thread, as soon as it is bound: the first request
   * pays for loading the HTTP stack's route, marshalling and ask paths (0.2 s idle, near 1 s on a busy
   * machine), and a user's first look at the dashboard should not.
   */
  private static void warmUp(Uri bound) {
    Thread t = new Thread(() -> {
      try {
        HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(bound.toString()).resolve("/soakbench/progress"))
                .timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException | RuntimeException e) {
        // only a warm-up: the endpoint answers the next request regardless
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "soakbench-http-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Where and how the node runs; {@code httpPort} below 0 means no management endpoint; {@code hints}
   * per split the seconds of an earlier run (the experiment's {@code hints}), or null; {@code alone}: no
   * other node ever joins (the embedded {@code run}; see {@link NodeConfig}).
   */
  record Options(String host, int port, String httpHost, int httpPort, int localWorkers, int minWorkers,
      RecordStore resumed, Tls tls, double[] hints, boolean alone) {}

  /** Leaving together with the workers makes the downing provider see a split; give them a moment to go first. */
  static final Duration WORKERS_LEAVE = Duration.ofSeconds(10);

  private CoordinatorNode() {}

  private static void awaitWorkersLeaving(Cluster cluster) throws InterruptedException {
    long deadline = System.nanoTime() + WORKERS_LEAVE.toNanos();
    while (System.nanoTime() < deadline && othersPresent(cluster) > 0) {
      Thread.sleep(100);
    }
  }

  private static long othersPresent(Cluster cluster) {
    return java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(m -> !m.address().equals(cluster.selfMember().address()))
        .filter(m -> m.status() != org.apache.pekko.cluster.MemberStatus.exiting()
            && m.status() != org.apache.pekko.cluster.MemberStatus.down()
            && m.status() != org.apache.pekko.cluster.MemberStatus.removed())
        .count();
  }

  /** How often a progress listener hears from the coordinator. */
  static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

  static RunOutcome run(PlannedExperiment plan, Path outDir, Options o) throws Exception {
    return run(plan, outDir, o, null);
  }

  /**
   * Runs the node; {@code onProgress} (null: none, and then the coordinator is never asked) is called
   * from this thread every {@link #PROGRESS_EVERY} until the end.
   */
  static RunOutcome run(PlannedExperiment plan, Path outDir, Options o, Consumer<Progress> onProgress) throws Exception {
    ShutdownNoiseFilter.nodeStarted();
    Config config = NodeConfig.of(o.host(), o.port(), null, o.httpHost(), Math.max(0, o.httpPort()), o.tls(),
        o.alone());
    CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    CompletableFuture<ActorRef<CoordinatorMessage>> coordinator = new CompletableFuture<>();
    ExecutorService pool = o.localWorkers() == 0 ? null : org.soakbench.worker.SplitThreads.pool();
    // taken before the collector owns the store
    ResumedJobs resumedJobs = ResumedJobs.of(plan, o.resumed());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
      ctx.spawn(MembershipLog.create(), "membership");
      // the collector writes files (journal lines, tables, plots): Pekko's dispatcher for blocking work,
      // so cluster heartbeats and the coordinator never wait behind a disk
      var collector = ctx.spawn(Collector.create(outDir, Collector.LIVE_INTERVAL, o.resumed()), "collector",
          DispatcherSelector.blocking());
      var coordinatorRef = ctx.spawn(Coordinator.create(plan, collector, outcome,
          new Coordinator.Settings(o.minWorkers(), resumedJobs, o.hints())), "coordinator");
      coordinator.complete(coordinatorRef);
      SplitRunner runner = new SplitRunner(new LearnerRegistry());
      for (int i = 1; i <= o.localWorkers(); i++) {
        ctx.spawn(Worker.create(1, "local-" + i, pool, runner), "worker-" + i);
      }
      return RunGuardian.watching(ctx, outcome, coordinatorRef, collector);
    }), NodeConfig.SYSTEM, config);
    if (!o.alone()) {
      SerializationWarmUp.start(system); // while workers join (an embedded run serialises nothing)
    }
    sayWhenInterrupted(system, coordinator, outcome);
    try {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      if (o.httpPort() >= 0) {
        warmUp(PekkoManagement.get(system).start().toCompletableFuture().get(30, TimeUnit.SECONDS));
      }
      RunOutcome result = null;
      while (result == null) {
        try {
          result = outcome.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (onProgress == null) {
            continue;
          }
          ProgressBoard.get(system).latest().ifPresent(onProgress);
        }
      }
      awaitWorkersLeaving(cluster);
      return result;
    } finally {
      ShutdownNoiseFilter.shutdownBegan();
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // e.g. a link to a downed worker is still timing out; the outputs are written, so the run's
        // result stands and the process exits anyway
        org.slf4j.LoggerFactory.getLogger(CoordinatorNode.class).warn("the node took over 30 s to shut down");
      }
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /**
   * On SIGTERM or Ctrl-C (the JVM's shutdown runs Pekko's coordinated shutdown) before the run has
   * its outcome: one line saying how far it got and how to go on. Every split counted is already
   * in the journal; the node then leaves the cluster, and its workers, seeing the coordinator gone,
   * look for one again.
   */
  private static void sayWhenInterrupted(ActorSystem<Void> system,
      CompletableFuture<ActorRef<CoordinatorMessage>> coordinator, CompletableFuture<RunOutcome> outcome) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "say-interrupted", () -> {
      if (outcome.isDone() || !(shutdown.getShutdownReason().orElse(null) instanceof CoordinatedShutdown.JvmExitReason$)) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      return coordinator.thenCompose(c -> AskPattern.ask(c, Coordinator.GetProgress::new, Duration.ofSeconds(3),
              system.scheduler()))
          .thenApply(p -> {
            System.err.println("soakbench: interrupted after " + p.done() + " of " + p.total()
                + " splits; run the same command to resume");
            return Done.getInstance();
          })
          .exceptionally(f -> {
            System.err.println("soakbench: interrupted; run the same command to resume");
            return Done.getInstance();
          });
    });
  }
}
