package org.soakbench.coordinator.schedule;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.SplitJob;

/**
 * How long a split may run before its lease expires, and how many failures it may have before it
 * becomes an error row (the job book counts them). A learner's configured {@code timeout} wins; otherwise the timeout adapts
 * to the longest run seen of the same learner on the same task, so one limit does not have to fit
 * both tiny and huge splits. No actor code here.
 */
public final class RetryPolicy {
  /** Before any split of a (task, learner) has finished there is nothing to adapt to. */
  static final double INITIAL_TIMEOUT_SECONDS = 1800;
  /** Adaptive timeouts never go below this: JVM warm-up and GC pauses make short splits jittery. */
  static final double MIN_TIMEOUT_SECONDS = 30;
  /** A split is presumed hung when it runs this many times longer than the longest one seen. */
  static final double SLOWDOWN_FACTOR = 10;

  private final ExecutionSpec spec;
  private final Map<String, Double> longest = new HashMap<>();

  public RetryPolicy(ExecutionSpec spec) {
    this.spec = spec;
  }

  public Duration leaseTimeout(SplitJob job) {
    Double fixed = spec.timeoutSeconds().get(job.learner().id());
    double seconds;
    if (fixed != null) {
      seconds = fixed;
    } else {
      Double seen = longest.get(key(job));
      seconds = seen == null ? INITIAL_TIMEOUT_SECONDS : Math.max(MIN_TIMEOUT_SECONDS, SLOWDOWN_FACTOR * seen);
    }
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  /** Records how long a successful attempt of this job took (train + predict seconds). */
  public void observe(SplitJob job, double seconds) {
    longest.merge(key(job), seconds, Math::max);
  }

  public int maxAttempts() {
    return spec.maxAttempts();
  }

  private static String key(SplitJob job) {
    return job.taskHash() + "\u0000" + job.learner().id();
  }
}
