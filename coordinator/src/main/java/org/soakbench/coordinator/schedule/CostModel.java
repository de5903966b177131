package org.soakbench.coordinator.schedule;

import java.util.Arrays;

/**
 * Predicts a split's seconds from its learner and its size (train rows x features), learned online
 * from the splits that finished: per learner a power law {@code seconds = a * size^b}, fitted on
 * log-log by Theil-Sen (the median of pairwise slopes, then the median intercept), which a few
 * stragglers, a GC pause or a cold JIT cannot drag. It keeps the last {@link #WINDOW} runs of each
 * learner, so it follows a learner that speeds up as the JIT warms. Until a learner has runs of
 * {@link #MIN_SIZES} distinct sizes its slope is 1 (time linear in size); until it has any run, an
 * optional hint (seconds of its largest split) stands in, and without one the learner is unknown.
 * Pure and deterministic; not thread-safe (owned by the coordinator actor).
 */
public final class CostModel {
  /** Runs kept per learner: enough for a robust fit, few enough to refit often and follow drift. */
  static final int WINDOW = 64;
  /** Distinct sizes needed before the slope is fitted instead of assumed. */
  static final int MIN_SIZES = 3;
  /** Slopes are kept within [0, 3]: no learner gets faster on more data, and cubic is already extreme. */
  static final double MAX_SLOPE = 3;
  /** A no-op split reports a few microseconds or zero; the log needs a floor. */
  static final double MIN_SECONDS = 1e-6;

  private final Learner[] learners;

  /**
   * @param hintSeconds per learner the expected seconds of its largest split (NaN: no hint)
   * @param largestSize per learner the size of its largest split (scales the hint)
   */
  public CostModel(double[] hintSeconds, double[] largestSize) {
    if (hintSeconds.length != largestSize.length) {
      throw new IllegalArgumentException(hintSeconds.length + " hints for " + largestSize.length + " learners");
    }
    learners = new Learner[hintSeconds.length];
    for (int l = 0; l < learners.length; l++) {
      learners[l] = new Learner(hintSeconds[l], Math.max(1, largestSize[l]));
    }
  }

  /** A model without hints. */
  public static CostModel learned(int learners) {
    double[] none = new double[learners];
    Arrays.fill(none, Double.NaN);
    return new CostModel(none, new double[learners]);
  }

  /** A split of {@code learner} on {@code size} took {@code seconds} (train plus predict, a success). */
  public void observe(int learner, double size, double seconds) {
    learners[learner].add(Math.log(Math.max(1, size)), Math.log(Math.max(MIN_SECONDS, seconds)));
  }

  /** The expected seconds of a split of {@code learner} on {@code size}; NaN while the learner is unknown. */
  public double predict(int learner, double size) {
    return learners[learner].predict(Math.log(Math.max(1, size)));
  }

  /**
   * A cautious estimate for a lease: the prediction within the sizes seen, but beyond the largest
   * one at least quadratic growth (an extrapolated slope is a guess; a lease cut too short kills a
   * healthy split). NaN while the learner is unknown.
   */
  public double upperBound(int learner, double size) {
    Learner l = learners[learner];
    double x = Math.log(Math.max(1, size));
    if (l.count == 0 || x <= l.maxLogSize) {
      return l.predict(x);
    }
    l.refitIfDue();
    return Math.exp(l.intercept + l.slope * l.maxLogSize + Math.max(l.slope, 2) * (x - l.maxLogSize));
  }

  /** Whether {@code learner} has a run or a hint to predict from. */
  public boolean knows(int learner) {
    Learner l = learners[learner];
    return l.count > 0 || !Double.isNaN(l.hintSeconds);
  }

  /** The fitted exponent of {@code learner}'s power law (1 until fitted); for reports. */
  public double slope(int learner) {
    Learner l = learners[learner];
    l.refitIfDue();
    return l.count == 0 ? 1 : l.slope;
  }

  /** Runs seen of {@code learner} (all, not only the window). */
  public long runs(int learner) {
    return learners[learner].count;
  }

  private static final class Learner {
    final double hintSeconds;
    final double largestSize;
    final double[] logSize = new double[WINDOW];
    final double[] logSeconds = new double[WINDOW];
    long count;
    long fittedAt;
    double maxLogSize = Double.NEGATIVE_INFINITY;
    double slope = 1;
    double intercept;

    Learner(double hintSeconds, double largestSize) {
      this.hintSeconds = hintSeconds;
      this.largestSize = largestSize;
    }

    void add(double x, double y) {
      int i = (int) (count % WINDOW);
      logSize[i] = x;
      logSeconds[i] = y;
      count++;
      maxLogSize = Math.max(maxLogSize, x);
    }

    double predict(double x) {
      if (count == 0) {
        return Double.isNaN(hintSeconds) ? Double.NaN : hintSeconds * Math.exp(x - Math.log(largestSize));
      }
      refitIfDue();
      return Math.exp(intercept + slope * x);
    }

    /**
     * Refits after every run while the window fills, then every {@code WINDOW / 8} runs: a fit costs
     * O(WINDOW^2), so a million-split run spends well under a second on it.
     */
    void refitIfDue() {
      if (count == fittedAt || count > WINDOW && count - fittedAt < WINDOW / 8) {
        return;
      }
      fittedAt = count;
      int n = (int) Math.min(count, WINDOW);
      double[] slopes = new double[n * (n - 1) / 2];
      int k = 0;
      int distinct = 0;
      double[] sizes = Arrays.copyOf(logSize, n);
      Arrays.sort(sizes);
      for (int i = 0; i < n; i++) {
        if (i == 0 || sizes[i] - sizes[i - 1] > 1e-9) {
          distinct++;
        }
      }
      if (distinct >= MIN_SIZES) {
        for (int i = 0; i < n; i++) {
          for (int j = i + 1; j < n; j++) {
            double dx = logSize[j] - logSize[i];
            if (Math.abs(dx) > 1e-9) {
              slopes[k++] = (logSeconds[j] - logSeconds[i]) / dx;
            }
          }
        }
        slope = Math.max(0, Math.min(MAX_SLOPE, median(slopes, k)));
      } else {
        slope = 1;
      }
      double[] intercepts = new double[n];
      for (int i = 0; i < n; i++) {
        intercepts[i] = logSeconds[i] - slope * logSize[i];
      }
      intercept = median(intercepts, n);
    }

    private static double median(double[] values, int n) {
      Arrays.sort(values, 0, n);
      return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
  }
}
