package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.soakbench.coordinator.run.RunOutcome;

/** A coordinator or collector that fails ends the run with exit 1 and a line naming it, never a hang. */
class RunGuardianTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void aFailingActorEndsTheRunWithAMessage() throws Exception {
    CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    KIT.spawn(Behaviors.<Void>setup(ctx -> {
      ActorRef<String> child = ctx.spawn(Behaviors.<String>receiveMessage(m -> {
        throw new IllegalStateException("boom on " + m);
      }), "collector");
      child.tell("a record");
      return RunGuardian.watching(ctx, outcome, child);
    }));
    RunOutcome o = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(1, o.exitCode());
    assertTrue(o.problem().contains("the collector failed: java.lang.IllegalStateException: boom on a record")
        && o.problem().contains("run the same command to resume") && !o.problem().contains("\n"), o.problem());
  }
}
