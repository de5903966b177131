package org.soakbench.worker;

import com.typesafe.config.Config;
import java.time.Duration;

/** A worker's tunables, read once from {@code soakbench.worker} (see reference.conf). */
public record WorkerSettings(int prefetchMax, int reportMaxResults, int reportMaxBytes, Duration registerRetry,
    Duration reportTimeout, Duration cancelGrace, Duration coordinatorAbsence, Duration releaseHeldAfter,
    double releaseHeldFactor, Duration walltimeMargin, double slowdown) {

  public WorkerSettings {
    if (prefetchMax < 0) {
      throw new IllegalArgumentException("soakbench.worker.prefetch-max must be 0 or more, not " + prefetchMax);
    }
    if (reportMaxResults < 1) {
      throw new IllegalArgumentException("soakbench.worker.report-max-results must be at least 1, not "
          + reportMaxResults);
    }
    if (reportMaxBytes < 8 * 1024) {
      throw new IllegalArgumentException("soakbench.worker.report-max-bytes must be at least 8KiB, not "
          + reportMaxBytes);
    }
    if (registerRetry.isZero() || registerRetry.isNegative()) {
      throw new IllegalArgumentException("soakbench.worker.register-retry must be positive, not " + registerRetry);
    }
    if (reportTimeout.isZero() || reportTimeout.isNegative()) {
      throw new IllegalArgumentException("soakbench.worker.report-timeout must be positive, not " + reportTimeout);
    }
    if (coordinatorAbsence.isZero() || coordinatorAbsence.isNegative()) {
      throw new IllegalArgumentException("soakbench.worker.coordinator-absence must be positive, not "
          + coordinatorAbsence);
    }
    if (releaseHeldAfter.isZero() || releaseHeldAfter.isNegative()) {
      throw new IllegalArgumentException("soakbench.worker.release-held-after must be positive, not "
          + releaseHeldAfter);
    }
    if (!(releaseHeldFactor >= 1)) {
      throw new IllegalArgumentException("soakbench.worker.release-held-factor must be at least 1, not "
          + releaseHeldFactor);
    }
    if (walltimeMargin.isNegative()) {
      throw new IllegalArgumentException("soakbench.worker.walltime-margin must be 0 or more, not " + walltimeMargin);
    }
    if (!(slowdown >= 1)) {
      throw new IllegalArgumentException("soakbench.worker.slowdown must be at least 1, not " + slowdown);
    }
    if (cancelGrace.isNegative()) {
      throw new IllegalArgumentException("soakbench.worker.cancel-grace must be 0 or more, not " + cancelGrace);
    }
  }

  /**
   * How long every slot may run one split before the jobs held for this worker go back to the
   * coordinator: {@code release-held-factor} times the average split seen, at least
   * {@code release-held-after}.
   */
  public long releaseHeldNanos(long averageSplitNanos) {
    double scaled = averageSplitNanos == Long.MAX_VALUE ? 0 : releaseHeldFactor * averageSplitNanos;
    return (long) Math.min(Long.MAX_VALUE / 2, Math.max(releaseHeldAfter.toNanos(), scaled));
  }

  public static WorkerSettings from(Config config) {
    Config c = config.getConfig("soakbench.worker");
    return new WorkerSettings(c.getInt("prefetch-max"), c.getInt("report-max-results"),
        (int) Math.min(Integer.MAX_VALUE, c.getBytes("report-max-bytes")), c.getDuration("register-retry"),
        c.getDuration("report-timeout"), c.getDuration("cancel-grace"), c.getDuration("coordinator-absence"),
        c.getDuration("release-held-after"), c.getDouble("release-held-factor"), c.getDuration("walltime-margin"),
        c.getDouble("slowdown"));
  }
}
