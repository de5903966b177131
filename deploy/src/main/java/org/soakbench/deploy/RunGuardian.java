package org.soakbench.deploy;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.soakbench.coordinator.run.RunOutcome;

/**
 * The coordinator node's guardian: it watches the coordinator and the collector, and if either
 * stops before the run has its outcome (an exception, a bug), the run ends with exit 1 and one line
 * naming the actor and the cause, instead of waiting for ever.
 */
final class RunGuardian {
  private RunGuardian() {}

  static Behavior<Void> watching(ActorContext<Void> ctx, CompletableFuture<RunOutcome> outcome, ActorRef<?>... actors) {
    for (ActorRef<?> a : actors) {
      ctx.watch(a);
    }
    return Behaviors.receive(Void.class)
        .onSignal(ChildFailed.class, f -> ended(ctx, outcome, f.getRef().path().name() + " failed: " + f.getCause()))
        .onSignal(Terminated.class, t -> ended(ctx, outcome, t.getRef().path().name() + " stopped"))
        .build();
  }

  private static Behavior<Void> ended(ActorContext<Void> ctx, CompletableFuture<RunOutcome> outcome, String what) {
    if (!outcome.isDone()) {
      ctx.getLog().error("the run cannot go on: the {}", what);
      outcome.complete(new RunOutcome(0, 0, "internal error, the run stopped: the " + what
          + "; the splits in the journal are safe: run the same command to resume", 0));
    }
    return Behaviors.same();
  }
}
