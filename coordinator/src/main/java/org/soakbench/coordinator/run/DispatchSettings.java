package org.soakbench.coordinator.run;

import com.typesafe.config.Config;
import java.time.Duration;

/** The coordinator's dispatch tunables, read once from {@code soakbench.coordinator} (see reference.conf). */
public record DispatchSettings(int assignMax, Duration retryPull, Duration leaseCheck, int journalBacklog,
    Duration progressEvery, boolean longestFirst, boolean speculation, double speculationFactor,
    Duration speculationAfter) {

  public DispatchSettings {
    if (assignMax < 1) {
      throw new IllegalArgumentException("soakbench.coordinator.assign-max must be at least 1, not " + assignMax);
    }
    if (journalBacklog < 1) {
      throw new IllegalArgumentException("soakbench.coordinator.journal-backlog must be at least 1, not "
          + journalBacklog);
    }
    if (!(speculationFactor >= 1)) {
      throw new IllegalArgumentException("soakbench.coordinator.speculation-factor must be at least 1, not "
          + speculationFactor);
    }
    if (retryPull.isNegative() || retryPull.isZero() || leaseCheck.isNegative() || leaseCheck.isZero()
        || progressEvery.isNegative() || progressEvery.isZero()) {
      throw new IllegalArgumentException(
          "soakbench.coordinator.retry-pull, lease-check and progress-every must be positive");
    }
  }

  public static DispatchSettings from(Config config) {
    Config c = config.getConfig("soakbench.coordinator");
    String order = c.getString("order");
    if (!order.equals("longest-first") && !order.equals("plan")) {
      throw new IllegalArgumentException("soakbench.coordinator.order: expected longest-first or plan, got '" + order + "'");
    }
    return new DispatchSettings(c.getInt("assign-max"), c.getDuration("retry-pull"), c.getDuration("lease-check"),
        c.getInt("journal-backlog"), c.getDuration("progress-every"), order.equals("longest-first"),
        c.getBoolean("speculation"), c.getDouble("speculation-factor"), c.getDuration("speculation-after"));
  }
}
