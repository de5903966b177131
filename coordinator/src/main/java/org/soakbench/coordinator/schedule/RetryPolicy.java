package org.soakbench.coordinator.schedule;

import java.time.Duration;
import java.util.List;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.LearnerSpec;

/**
 * How long a split may run before its lease expires, and how many failures it may have before it
 * becomes an error row (the job book counts them). A learner's configured {@code timeout} wins;
 * otherwise the timeout adapts to the runs seen of the same learner on the same task, scaled to the
 * split's own train size (its number of train groups): {@code SLOWDOWN_FACTOR} times the longest run
 * seen, or times the quadratic extrapolation {@code max(seconds / size^2) * size^2} of the runs seen
 * when that is longer. So a full-size split whose pair was first seen on a small down-sampled one is
 * not presumed hung (SOAK's {@code sizes}: the smallest train set often finishes first), and one
 * limit does not have to fit both tiny and huge splits; never more than a day. Quadratic is a bound,
 * not a fit: learners whose time grows faster than the square of their train set need a configured
 * {@code timeout}. No actor code here.
 */
public final class RetryPolicy {
  /** Before any split of a (task, learner) has finished there is nothing to adapt to. */
  static final double INITIAL_TIMEOUT_SECONDS = 1800;
  /** Adaptive timeouts never go below this: JVM warm-up and GC pauses make short splits jittery. */
  static final double MIN_TIMEOUT_SECONDS = 30;
  /** An extrapolated timeout never exceeds a day. */
  static final double MAX_TIMEOUT_SECONDS = 86_400;
  /** A split is presumed hung when it runs this many times longer than the longest one seen. */
  static final double SLOWDOWN_FACTOR = 10;

  private final ExecutionSpec spec;
  private final List<LearnerSpec> learners;
  /** Per (task, learner): the longest successful attempt so far, NaN before the first. */
  private final double[] longest;
  /** Per (task, learner): the largest seconds / (train size)^2 of a successful attempt so far. */
  private final double[] perSquaredSize;

  public RetryPolicy(ExecutionSpec spec, int tasks, List<LearnerSpec> learners) {
    this.spec = spec;
    this.learners = List.copyOf(learners);
    this.longest = new double[tasks * learners.size()];
    this.perSquaredSize = new double[tasks * learners.size()];
    java.util.Arrays.fill(longest, Double.NaN);
  }

  /** The lease of a split of (task, learner) whose train set has {@code trainSize} groups. */
  public Duration leaseTimeout(int task, int learner, int trainSize) {
    Double fixed = spec.timeoutSeconds().get(learners.get(learner).id());
    double seconds;
    if (fixed != null) {
      seconds = fixed;
    } else {
      int k = task * learners.size() + learner;
      double size = Math.max(1, trainSize);
      double expected = Math.max(longest[k], perSquaredSize[k] * size * size);
      seconds = Double.isNaN(longest[k]) ? INITIAL_TIMEOUT_SECONDS
          : Math.min(MAX_TIMEOUT_SECONDS, Math.max(MIN_TIMEOUT_SECONDS, SLOWDOWN_FACTOR * expected));
    }
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  /** Records how long a successful attempt of (task, learner) on {@code trainSize} train groups took. */
  public void observe(int task, int learner, int trainSize, double seconds) {
    int k = task * learners.size() + learner;
    if (Double.isNaN(longest[k]) || seconds > longest[k]) {
      longest[k] = seconds;
    }
    double size = Math.max(1, trainSize);
    perSquaredSize[k] = Math.max(perSquaredSize[k], seconds / (size * size));
  }

  public int maxAttempts() {
    return spec.maxAttempts();
  }
}
