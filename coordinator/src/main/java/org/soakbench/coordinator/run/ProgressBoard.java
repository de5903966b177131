package org.soakbench.coordinator.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The latest progress the node's coordinator published (every {@code soakbench.coordinator.progress-every}
 * and when the run ends). Readers such as the HTTP routes take it from here instead of asking the
 * actor, so a progress request never waits behind the reports a busy coordinator is working through.
 */
public final class ProgressBoard implements Extension {
  private static final ExtensionId<ProgressBoard> ID = new ExtensionId<>() {
    @Override
    public ProgressBoard createExtension(ActorSystem<?> system) {
      return new ProgressBoard();
    }
  };

  private final AtomicReference<Progress> latest = new AtomicReference<>();

  public static ProgressBoard get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  void publish(Progress progress) {
    latest.set(progress);
  }

  /** The last published progress; empty when no coordinator runs on this node (yet). */
  public Optional<Progress> latest() {
    return Optional.ofNullable(latest.get());
  }
}
