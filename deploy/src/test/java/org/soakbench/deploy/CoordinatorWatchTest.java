package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.ServiceKeys;

/** A worker node in a cluster without a coordinator ends itself, so that the worker looks for one again. */
class CoordinatorWatchTest {
  private ActorTestKit kit;

  private void start() {
    Config config = ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        pekko.coordinated-shutdown.exit-jvm = off
        pekko.coordinated-shutdown.terminate-actor-system = on
        soakbench.worker.coordinator-absence = 700ms
        """).withFallback(ConfigFactory.load());
    kit = ActorTestKit.create("watch", config);
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void aClusterThatNeverHadACoordinatorIsLeftAfterTheAbsenceLimit() throws Exception {
    start();
    kit.spawn(CoordinatorWatch.create(), "watch");
    kit.system().getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(CoordinatorWatch.CoordinatorLeft.INSTANCE,
        CoordinatedShutdown.get(kit.system()).getShutdownReason().orElseThrow());
  }

  @Test
  void aCoordinatorThatLeavesEndsTheNodeAndOneThatStaysDoesNot() throws Exception {
    start();
    TestProbe<CoordinatorMessage> coordinator = kit.createTestProbe();
    TestProbe<Receptionist.Registered> registered = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, coordinator.getRef(),
        registered.getRef()));
    registered.expectMessageClass(Receptionist.Registered.class);
    kit.spawn(CoordinatorWatch.create(), "watch");
    // well past the absence limit, the node lives on while the coordinator is there
    coordinator.expectNoMessage(Duration.ofMillis(2000));
    assertFalse(kit.system().getWhenTerminated().toCompletableFuture().isDone());
    kit.system().receptionist().tell(Receptionist.deregister(ServiceKeys.COORDINATOR, coordinator.getRef()));
    kit.system().getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(CoordinatorWatch.CoordinatorLeft.INSTANCE,
        CoordinatedShutdown.get(kit.system()).getShutdownReason().orElseThrow());
  }
}
