package org.soakbench.coordinator.schedule;

import java.time.Duration;
import java.util.List;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.LearnerSpec;

/**
 * How long a split may run before its lease expires, and how many failures it may have before it
 * becomes an error row (the job book counts them). A learner's configured {@code timeout} wins;
 * otherwise the lease is {@link #SLOWDOWN_FACTOR} times the split's own expected seconds from the
 * {@link CostModel}, extrapolated at least quadratically beyond the largest train set seen (SOAK's
 * {@code sizes}: the first split of a learner to finish is often a small down-sampled one, and a
 * one-worker run once gave up on the full-size split that followed it). So one limit does not have
 * to fit both tiny and huge splits; never under {@link #MIN_TIMEOUT_SECONDS} nor over a day, and
 * {@link #INITIAL_TIMEOUT_SECONDS} before a learner has run at all. No actor code here.
 */
public final class RetryPolicy {
  /** Before a learner has finished a split there is nothing to measure by (a hint is only a guess). */
  static final double INITIAL_TIMEOUT_SECONDS = 1800;
  /** Adaptive timeouts never go below this: JVM warm-up and GC pauses make short splits jittery. */
  static final double MIN_TIMEOUT_SECONDS = 30;
  /** An extrapolated timeout never exceeds a day. */
  static final double MAX_TIMEOUT_SECONDS = 86_400;
  /** A split is presumed hung when it runs this many times longer than expected. */
  static final double SLOWDOWN_FACTOR = 10;

  private final ExecutionSpec spec;
  private final List<LearnerSpec> learners;
  private final CostModel costs;

  public RetryPolicy(ExecutionSpec spec, List<LearnerSpec> learners, CostModel costs) {
    this.spec = spec;
    this.learners = List.copyOf(learners);
    this.costs = costs;
  }

  /** The lease of a split of {@code learner} whose size (train rows x features) is {@code size}. */
  public Duration leaseTimeout(int learner, double size) {
    Double fixed = spec.timeoutSeconds().get(learners.get(learner).id());
    double seconds;
    if (fixed != null) {
      seconds = fixed;
    } else if (costs.runs(learner) == 0) {
      seconds = Math.max(INITIAL_TIMEOUT_SECONDS, SLOWDOWN_FACTOR * nanToZero(costs.predict(learner, size)));
    } else {
      seconds = Math.min(MAX_TIMEOUT_SECONDS,
          Math.max(MIN_TIMEOUT_SECONDS, SLOWDOWN_FACTOR * costs.upperBound(learner, size)));
    }
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  public int maxAttempts() {
    return spec.maxAttempts();
  }
}
