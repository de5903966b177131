package org.soakbench.coordinator.run;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/** Writes every cluster membership and reachability change to the coordinator's log. */
public final class MembershipLog {
  private MembershipLog() {}

  public static Behavior<ClusterEvent.ClusterDomainEvent> create() {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receiveMessage(event -> {
        if (event instanceof ClusterEvent.MemberUp up) {
          ctx.getLog().info("member up: {}", up.member().address());
        } else if (event instanceof ClusterEvent.MemberDowned downed) {
          ctx.getLog().warn("member downed: {}", downed.member().address());
        } else if (event instanceof ClusterEvent.MemberRemoved removed) {
          ctx.getLog().info("member removed: {} (was {})", removed.member().address(), removed.previousStatus());
        } else if (event instanceof ClusterEvent.MemberLeft left) {
          ctx.getLog().info("member leaving: {}", left.member().address());
        } else if (event instanceof ClusterEvent.UnreachableMember u) {
          ctx.getLog().warn("member unreachable: {}", u.member().address());
        } else if (event instanceof ClusterEvent.ReachableMember r) {
          ctx.getLog().info("member reachable again: {}", r.member().address());
        }
        return Behaviors.same();
      });
    });
  }
}
