package org.soakbench.deploy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.run.Coordinator;
import org.soakbench.coordinator.run.RunOutcome;
import org.soakbench.worker.Worker;
import org.soakbench.worker.learn.LearnerRegistry;
import org.soakbench.worker.run.SplitRunner;

/**
 * {@code soakbench run}: coordinator, collector and N single-slot workers in one ActorSystem with
 * the cluster provider on 127.0.0.1 (a one-node cluster that joins itself), so the same behaviours
 * and messages as a multi-machine run are exercised.
 */
public final class EmbeddedRun {
  private EmbeddedRun() {}

  public static RunOutcome run(PlannedExperiment plan, Path outDir, int workers) throws Exception {
    Config config = ConfigFactory.parseMap(Map.of("pekko.remote.artery.canonical.port", 0))
        .withFallback(ConfigFactory.load());
    CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "soakbench-split");
      t.setDaemon(true);
      return t;
    });
    SplitRunner runner = new SplitRunner(new LearnerRegistry());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
      var collector = ctx.spawn(Collector.create(plan, outDir), "collector");
      ctx.spawn(Coordinator.create(plan, collector, outcome), "coordinator");
      for (int i = 1; i <= workers; i++) {
        ctx.spawn(Worker.create(1, "local-" + i, pool, runner), "worker-" + i);
      }
      return Behaviors.empty();
    }), "soakbench", config);
    try {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      return outcome.get();
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
      pool.shutdownNow();
    }
  }
}
