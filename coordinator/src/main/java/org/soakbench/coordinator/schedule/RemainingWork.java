package org.soakbench.coordinator.schedule;

/**
 * The expected seconds of the splits not yet recorded, for the ETA: per learner, counts and summed
 * sizes of those splits in 64 buckets of doubling size, so an estimate costs O(learners x 64)
 * whatever the number of splits, and reads the cost model as it is now. With longest-first order
 * the first splits are the longest, and an ETA from splits per second would be far too long.
 */
public final class RemainingWork {
  private static final int BUCKETS = 64;

  private final SplitSizes sizes;
  private final long[][] count;
  private final double[][] sizeSum;

  /** All of the plan's splits still to do. */
  public RemainingWork(SplitSizes sizes) {
    this.sizes = sizes;
    int learners = sizes.layout().learners();
    count = new long[learners][BUCKETS];
    sizeSum = new double[learners][BUCKETS];
    for (int t = 0; t < sizes.layout().tasks(); t++) {
      for (int i = 1; i <= sizes.layout().iterations(t); i++) {
        double size = sizes.of(t, i);
        int b = bucket(size);
        for (int l = 0; l < learners; l++) {
          count[l][b]++;
          sizeSum[l][b] += size;
        }
      }
    }
  }

  /** Split {@code job} is recorded (or was in the journal already). */
  public void done(int job) {
    int l = sizes.layout().learner(job);
    double size = sizes.of(job);
    int b = bucket(size);
    count[l][b]--;
    sizeSum[l][b] -= size;
  }

  /**
   * The expected seconds of the splits left, each at its bucket's mean size; NaN while a learner
   * with splits left is unknown to the model (then nothing sensible can be said).
   */
  public double seconds(CostModel costs) {
    double total = 0;
    for (int l = 0; l < count.length; l++) {
      for (int b = 0; b < BUCKETS; b++) {
        if (count[l][b] > 0) {
          double expected = costs.predict(l, sizeSum[l][b] / count[l][b]);
          if (Double.isNaN(expected)) {
            return Double.NaN;
          }
          total += count[l][b] * expected;
        }
      }
    }
    return total;
  }

  private static int bucket(double size) {
    return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros((long) Math.max(1, size)));
  }
}
