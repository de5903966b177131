package org.soakbench.coordinator.schedule;

import java.util.Arrays;
import org.soakbench.coordinator.book.JobBook;
import org.soakbench.coordinator.plan.JobLayout;

/**
 * Longest expected first, the list-scheduling order whose makespan is within 4/3 of the optimum
 * (LPT), with costs that are learned as the run goes. Each learner's splits form one queue line in
 * a fixed order, largest train set first (a learner's time never falls with its train set, so that
 * order holds whatever the fitted law); a hand-out takes, among the lines' first splits, the one
 * the {@link CostModel} expects to run longest. A learner's first split goes out before any
 * prediction, so that every learner is measured on its largest split early; until its first
 * result comes back, an unknown learner is priced like the known ones (the geometric mean of their
 * predictions at that size), or, while none is known, all learners alike (largest size first). Ties
 * keep the plan's order. With equal costs this is mlr3resampling's {@code proj_grid} order (train
 * groups descending).
 */
public final class LongestFirst implements JobBook.HeadChooser {
  /** A split goes to a worker with a walltime only if this many times its expected seconds are left. */
  static final double FIT_SAFETY = 1.5;

  private final CostModel costs;
  private final SplitSizes sizes;
  private final ExpectedSeconds expected;

  /** Per line, whether its first job went out (a chosen line always hands out its head). */
  private final boolean[] started;

  public LongestFirst(CostModel costs, SplitSizes sizes) {
    this(costs, sizes, null);
  }

  /** @param hints per job the seconds an earlier run took (NaN: none); such a split is expected to take as long */
  public LongestFirst(CostModel costs, SplitSizes sizes, double[] hints) {
    this.costs = costs;
    this.sizes = sizes;
    this.expected = new ExpectedSeconds(costs, sizes, hints);
    this.started = new boolean[sizes.layout().learners()];
  }

  /**
   * One line per learner: its hinted splits longest first, then the others by size, largest first;
   * ties in plan order.
   */
  public static int[][] lines(SplitSizes sizes, double[] hints) {
    int[][] lines = lines(sizes);
    if (hints == null) {
      return lines;
    }
    for (int[] line : lines) {
      // the size order is kept among equals, so a stable sort on the hint alone is enough
      Integer[] boxed = Arrays.stream(line).boxed().toArray(Integer[]::new);
      Arrays.sort(boxed, (a, b) -> Double.compare(hintOrMinus(hints, b), hintOrMinus(hints, a)));
      for (int k = 0; k < line.length; k++) {
        line[k] = boxed[k];
      }
    }
    return lines;
  }

  private static double hintOrMinus(double[] hints, int job) {
    return Double.isNaN(hints[job]) ? -1 : hints[job];
  }

  /** One line per learner: its splits by size, largest first, ties in plan order. */
  public static int[][] lines(SplitSizes sizes) {
    JobLayout layout = sizes.layout();
    int pairs = 0;
    for (int t = 0; t < layout.tasks(); t++) {
      pairs += layout.iterations(t);
    }
    // (task, iteration) pairs in plan order, then sorted by size descending; primitive keys only
    double[] size = new double[pairs];
    int[] taskOf = new int[pairs];
    int[] iterationOf = new int[pairs];
    int p = 0;
    for (int t = 0; t < layout.tasks(); t++) {
      for (int i = 1; i <= layout.iterations(t); i++) {
        size[p] = sizes.of(t, i);
        taskOf[p] = t;
        iterationOf[p++] = i;
      }
    }
    double[] sorted = size.clone();
    Arrays.sort(sorted);
    long[] keys = new long[pairs];
    for (p = 0; p < pairs; p++) {
      long larger = sorted.length - upperBound(sorted, size[p]);
      keys[p] = larger << 32 | p;
    }
    Arrays.sort(keys);
    int[][] lines = new int[layout.learners()][pairs];
    for (int k = 0; k < pairs; k++) {
      int pair = (int) keys[k];
      for (int l = 0; l < lines.length; l++) {
        lines[l][k] = layout.job(taskOf[pair], l, iterationOf[pair]);
      }
    }
    return lines;
  }

  /**
   * The index of the first value above {@code v}: O(log n) even when most values are equal, as in a
   * CV of equal folds (walking the equal run made a million-split plan quadratic).
   */
  static int upperBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(sorted[mid], v) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public int choose(int[] heads, int[] tails) {
    return pick(heads, Double.POSITIVE_INFINITY);
  }

  /**
   * The order for a worker that leaves in {@code secondsLeft} (its walltime, less its margin): only
   * splits expected to end in time, with {@link #FIT_SAFETY} to spare, go to it; when no line's
   * longest does, the longest of the lines' shortest that does; when none does, nothing, and the
   * splits wait for a worker with time. A split of a learner not yet measured is taken to fit.
   */
  public JobBook.HeadChooser within(double secondsLeft) {
    return new JobBook.HeadChooser() {
      @Override
      public int choose(int[] heads, int[] tails) {
        int q = pick(heads, secondsLeft);
        if (q >= 0) {
          return q;
        }
        q = pick(tails, secondsLeft);
        return q >= 0 ? ~q : NONE_FITS;
      }

      @Override
      public boolean fits(int job) {
        return LongestFirst.this.fits(job, secondsLeft);
      }
    };
  }

  /** The line whose job in {@code jobs} is expected to run longest among those that fit, or -1. */
  private int pick(int[] jobs, double secondsLeft) {
    int best = -1;
    double bestCost = 0;
    for (int line = 0; line < jobs.length; line++) {
      int job = jobs[line];
      if (job < 0 || !fits(job, secondsLeft)) {
        continue;
      }
      double hint = expected.hint(job);
      double cost = Double.isNaN(hint) ? cost(line, sizes.of(job)) : hint;
      if (best < 0 || cost > bestCost || cost == bestCost && job < jobs[best]) {
        best = line;
        bestCost = cost;
      }
    }
    if (best >= 0) {
      started[best] = true;
    }
    return best;
  }

  private boolean fits(int job, double secondsLeft) {
    if (secondsLeft == Double.POSITIVE_INFINITY) {
      return true;
    }
    double seconds = expected.of(job);
    return Double.isNaN(seconds) || seconds * FIT_SAFETY <= secondsLeft;
  }

  private double cost(int learner, double size) {
    if (costs.knows(learner)) {
      return costs.predict(learner, size);
    }
    if (!started[learner]) {
      return Double.POSITIVE_INFINITY;
    }
    double logSum = 0;
    int known = 0;
    for (int l = 0; l < started.length; l++) {
      if (costs.knows(l)) {
        logSum += Math.log(Math.max(CostModel.MIN_SECONDS, costs.predict(l, size)));
        known++;
      }
    }
    // while nothing is known, size alone orders the lines (a common scale, so largest first)
    return known == 0 ? size : Math.exp(logSum / known);
  }
}
