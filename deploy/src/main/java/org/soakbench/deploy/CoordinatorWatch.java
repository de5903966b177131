package org.soakbench.deploy;

import java.time.Duration;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.soakbench.protocol.ServiceKeys;
import org.soakbench.worker.WorkerSettings;

/**
 * Ends a worker node's life when its cluster has no coordinator: the one it worked for is no longer
 * registered anywhere (it left gracefully on SIGTERM, or was removed after a crash), or none was
 * registered within {@code coordinator-absence} of this node joining (it joined a coordinator that
 * was just leaving). A cluster without a coordinator is of no use: the worker looks for one again
 * with a fresh node, as after a crash, and gives up after {@code --give-up-after}.
 */
final class CoordinatorWatch {
  /** The shutdown reason: the node's worker lost its coordinator. */
  enum CoordinatorLeft implements CoordinatedShutdown.Reason { INSTANCE }

  /** What the watch hears. */
  sealed interface Event {}

  private record Listed(Receptionist.Listing listing) implements Event {}

  private record Joined() implements Event {}

  private record NoneYet() implements Event {}

  private CoordinatorWatch() {}

  static Behavior<Event> create() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR,
          ctx.messageAdapter(Receptionist.Listing.class, Listed::new)));
      Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
          ctx.messageAdapter(SelfUp.class, up -> new Joined()), SelfUp.class));
      Duration absence = WorkerSettings.from(ctx.getSystem().settings().config()).coordinatorAbsence();
      return Behaviors.withTimers(timers -> Behaviors.receive(Event.class)
          .onMessage(Joined.class, j -> {
            timers.startSingleTimer(new NoneYet(), absence);
            return Behaviors.same();
          })
          .onMessage(NoneYet.class, n -> lost(ctx, "no coordinator in the cluster " + absence.toSeconds()
              + " s after joining it; looking for a coordinator again"))
          .onMessage(Listed.class, l -> {
            if (hasCoordinator(l)) {
              timers.cancelAll();
              return watching(ctx);
            }
            return Behaviors.same(); // before any coordinator was seen, an empty listing means nothing
          })
          .build());
    });
  }

  private static Behavior<Event> watching(ActorContext<Event> ctx) {
    return Behaviors.receive(Event.class)
        .onMessage(Listed.class, l -> hasCoordinator(l) ? Behaviors.same()
            : lost(ctx, "the coordinator left the cluster; looking for a coordinator again"))
        .build();
  }

  private static boolean hasCoordinator(Listed l) {
    return !l.listing().getServiceInstances(ServiceKeys.COORDINATOR).isEmpty();
  }

  private static Behavior<Event> lost(ActorContext<Event> ctx, String why) {
    ctx.getLog().info(why);
    CoordinatedShutdown.get(ctx.getSystem()).run(CoordinatorLeft.INSTANCE);
    return Behaviors.stopped();
  }
}
