package org.soakbench.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a worker does after one life of its node ends: exit with a code, or join again. A worker
 * that loses its coordinator (crash, partition) rejoins, so a restarted coordinator gets it back;
 * it gives up after {@code giveUpAfter} without a coordinator, unless it stays for good.
 */
final class WorkerLifecycle {
  /** Exit code of a worker that left because a split ran out of memory: its supervisor should start a fresh JVM. */
  static final int EXIT_OUT_OF_MEMORY = 3;

  /** The next step. */
  sealed interface Next {}

  /** End the process with this code. */
  record Exit(int code) implements Next {}

  /** Start a new node and join; give up at {@code deadline} if no coordinator took it (null: never). */
  record Rejoin(Instant deadline) implements Next {}

  private final boolean stay;
  private final Duration giveUpAfter;
  private final Clock clock;

  /** @param giveUpAfter how long to look for a coordinator, null for ever */
  WorkerLifecycle(boolean stay, Duration giveUpAfter, Clock clock) {
    this.stay = stay;
    this.giveUpAfter = stay ? null : giveUpAfter;
    this.clock = clock;
  }

  /** The first join. */
  Rejoin start() {
    return new Rejoin(deadline());
  }

  Next after(WorkerNode.Ending ending) {
    return switch (ending) {
      // even a staying worker must not go on in a JVM that has thrown OutOfMemoryError
      case OUT_OF_MEMORY -> new Exit(EXIT_OUT_OF_MEMORY);
      case LEFT, WALLTIME -> new Exit(0);
      case NO_COORDINATOR -> new Exit(1);
      case RUN_FINISHED -> stay ? new Rejoin(null) : new Exit(0);
      case LOST -> new Rejoin(deadline());
    };
  }

  private Instant deadline() {
    return giveUpAfter == null ? null : clock.instant().plus(giveUpAfter);
  }
}
