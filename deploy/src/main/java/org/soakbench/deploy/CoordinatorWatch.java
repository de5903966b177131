package org.soakbench.deploy;

import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.soakbench.protocol.ServiceKeys;

/**
 * Ends a worker node's life when the coordinator it worked for is no longer registered anywhere in
 * the cluster (it left gracefully on SIGTERM, or was removed after a crash): a cluster without a
 * coordinator is of no use, and the worker looks for one again with a fresh node, as after a crash.
 * Before any coordinator was seen, an empty listing means nothing.
 */
final class CoordinatorWatch {
  /** The shutdown reason: the node's worker lost its coordinator. */
  enum CoordinatorLeft implements CoordinatedShutdown.Reason { INSTANCE }

  private CoordinatorWatch() {}

  static Behavior<Receptionist.Listing> create() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, ctx.getSelf()));
      return waiting();
    });
  }

  private static Behavior<Receptionist.Listing> waiting() {
    return Behaviors.receive((ctx, listing) -> listing.getServiceInstances(ServiceKeys.COORDINATOR).isEmpty()
        ? Behaviors.same() : watching());
  }

  private static Behavior<Receptionist.Listing> watching() {
    return Behaviors.receive((ctx, listing) -> {
      if (!listing.getServiceInstances(ServiceKeys.COORDINATOR).isEmpty()) {
        return Behaviors.same();
      }
      ctx.getLog().info("the coordinator left the cluster; looking for a coordinator again");
      CoordinatedShutdown.get(ctx.getSystem()).run(CoordinatorLeft.INSTANCE);
      return Behaviors.stopped();
    });
  }
}
