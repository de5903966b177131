package org.soakbench.coordinator.schedule;

import java.time.Duration;
import java.util.List;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.LearnerSpec;

/**
 * How long a split may run before its lease expires, and how many failures it may have before it
 * becomes an error row (the job book counts them). A learner's configured {@code timeout} wins;
 * otherwise the timeout adapts to the longest run seen of the same learner on the same task, so one
 * limit does not have to fit both tiny and huge splits. No actor code here.
 */
public final class RetryPolicy {
  /** Before any split of a (task, learner) has finished there is nothing to adapt to. */
  static final double INITIAL_TIMEOUT_SECONDS = 1800;
  /** Adaptive timeouts never go below this: JVM warm-up and GC pauses make short splits jittery. */
  static final double MIN_TIMEOUT_SECONDS = 30;
  /** A split is presumed hung when it runs this many times longer than the longest one seen. */
  static final double SLOWDOWN_FACTOR = 10;

  private final ExecutionSpec spec;
  private final List<LearnerSpec> learners;
  /** Per (task, learner): the longest successful attempt so far, NaN before the first. */
  private final double[] longest;

  public RetryPolicy(ExecutionSpec spec, int tasks, List<LearnerSpec> learners) {
    this.spec = spec;
    this.learners = List.copyOf(learners);
    this.longest = new double[tasks * learners.size()];
    java.util.Arrays.fill(longest, Double.NaN);
  }

  public Duration leaseTimeout(int task, int learner) {
    Double fixed = spec.timeoutSeconds().get(learners.get(learner).id());
    double seconds;
    if (fixed != null) {
      seconds = fixed;
    } else {
      double seen = longest[task * learners.size() + learner];
      seconds = Double.isNaN(seen) ? INITIAL_TIMEOUT_SECONDS : Math.max(MIN_TIMEOUT_SECONDS, SLOWDOWN_FACTOR * seen);
    }
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  /** Records how long a successful attempt of (task, learner) took (train + predict seconds). */
  public void observe(int task, int learner, double seconds) {
    int k = task * learners.size() + learner;
    if (Double.isNaN(longest[k]) || seconds > longest[k]) {
      longest[k] = seconds;
    }
  }

  public int maxAttempts() {
    return spec.maxAttempts();
  }
}
