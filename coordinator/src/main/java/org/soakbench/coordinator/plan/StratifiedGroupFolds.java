package org.soakbench.coordinator.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.soakbench.protocol.PreciseMath;

/**
 * Fold assignment of mlr3resampling: groups are sorted by the keys of the chosen algorithm and then
 * given folds greedily (RSS, Wasikowski or WasikowskiLimitedMemory), as specified in
 * {@code reference/README.md}, step 4. Floating-point sums follow R and Armadillo closely enough that
 * tie-breaking between equally good folds matches the reference outputs.
 */
public final class StratifiedGroupFolds {
  private static final double CLOSE = 1e-3;

  private StratifiedGroupFolds() {}

  /** Fold ids 1..K for every row. {@code randomOrder} is R's {@code sample(N)}, assigned in row order. */
  public static int[] assign(String algo, int[] stratum, int[] group, int[] randomOrder, int folds) {
    List<GroupKeys> groups = groupKeys(algo, stratum, group, randomOrder, folds);
    int strata = maxOf(stratum);
    double[] stratumTotals = new double[strata];
    for (int s : stratum) {
      stratumTotals[s - 1]++;
    }
    int[] groupFold = new int[groups.size()];
    double[][] cnt = new double[strata][folds];
    for (GroupKeys g : groups) {
      int best =
          algo.equals("RSS")
              ? bestFoldRss(cnt, g.counts, stratumTotals, folds)
              : bestFoldWasikowski(cnt, g.counts, stratumTotals, folds);
      groupFold[g.code] = best + 1;
      for (int s = 0; s < strata; s++) {
        cnt[s][best] += g.counts[s];
      }
    }
    int[] fold = new int[stratum.length];
    for (int row = 0; row < fold.length; row++) {
      fold[row] = groupFold[group[row]];
    }
    return fold;
  }

  /** Groups with their per-stratum counts, in the order the greedy step visits them. */
  static List<GroupKeys> groupKeys(String algo, int[] stratum, int[] group, int[] randomOrder, int folds) {
    int strata = maxOf(stratum);
    int nGroups = maxOf(group) + 1;
    double[] totals = new double[strata];
    for (int s : stratum) {
      totals[s - 1]++;
    }
    List<GroupKeys> groups = new ArrayList<>(nGroups);
    for (int g = 0; g < nGroups; g++) {
      groups.add(new GroupKeys(g, new double[strata]));
    }
    for (int row = 0; row < stratum.length; row++) {
      GroupKeys g = groups.get(group[row]);
      g.counts[stratum[row] - 1]++;
      g.size++;
      g.gOrd = Math.min(g.gOrd, randomOrder[row]);
    }
    Comparator<GroupKeys> order;
    if (algo.equals("RSS")) {
      for (GroupKeys g : groups) {
        double[] ideal = new double[strata];
        double[] sq = new double[strata];
        double[] prod = new double[strata];
        for (int s = 0; s < strata; s++) {
          ideal[s] = totals[s] / folds;
          double d = g.counts[s] - ideal[s];
          sq[s] = d * d;
          prod[s] = ideal[s] * g.counts[s];
        }
        g.key1 = PreciseMath.sum(sq);
        g.key2 = -g.size;
        g.key3 = PreciseMath.sum(prod) / strata;
      }
      order =
          Comparator.<GroupKeys>comparingDouble(g -> g.key1)
              .thenComparingDouble(g -> g.key2)
              .thenComparingDouble(g -> g.key3)
              .thenComparingInt(g -> g.gOrd);
    } else {
      for (GroupKeys g : groups) {
        g.key1 = strata == 1 ? Double.NEGATIVE_INFINITY : -sampleSd(g.counts);
      }
      // R's NA (one stratum) sorts first, as -Inf does here.
      order = Comparator.<GroupKeys>comparingDouble(g -> g.key1).thenComparingInt(g -> g.gOrd);
    }
    groups.sort(order);
    return groups;
  }

  private static int bestFoldRss(double[][] cnt, double[] n, double[] totals, int folds) {
    int best = 0;
    double bestCrit = Double.POSITIVE_INFINITY;
    double bestOver = 0;
    for (int f = 0; f < folds; f++) {
      double crit = 0;
      double over = 0;
      for (int s = 0; s < n.length; s++) {
        double diff = cnt[s][f] - totals[s] / folds;
        double maybeOver = n[s] + diff;
        if (maybeOver > 0) {
          over += maybeOver;
        }
        crit += (diff * 2 + n[s]) * n[s];
      }
      if (crit < bestCrit || (Math.abs(crit - bestCrit) < CLOSE && over < bestOver)) {
        best = f;
        bestCrit = crit;
        bestOver = over;
      }
    }
    return best;
  }

  private static int bestFoldWasikowski(double[][] cnt, double[] n, double[] totals, int folds) {
    int best = 0;
    double minEval = Double.POSITIVE_INFINITY;
    double minSamples = Double.POSITIVE_INFINITY;
    int strata = n.length;
    double[] row = new double[folds];
    double[] sd = new double[strata];
    for (int f = 0; f < folds; f++) {
      for (int s = 0; s < strata; s++) {
        for (int f2 = 0; f2 < folds; f2++) {
          double c = cnt[s][f2] + (f2 == f ? n[s] : 0);
          row[f2] = c / totals[s];
        }
        sd[s] = Math.sqrt(Armadillo.var(row));
      }
      double eval = Armadillo.mean(sd);
      double samples = 0;
      for (int s = 0; s < strata; s++) {
        samples += cnt[s][f];
      }
      if (eval < minEval || (Math.abs(eval - minEval) < CLOSE && samples < minSamples)) {
        minEval = eval;
        minSamples = samples;
        best = f;
      }
    }
    return best;
  }

  /** R's {@code sd}: two-pass, n-1 denominator. */
  private static double sampleSd(double[] xs) {
    double mean = PreciseMath.sum(xs) / xs.length;
    double[] sq = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      sq[i] = (xs[i] - mean) * (xs[i] - mean);
    }
    return Math.sqrt(PreciseMath.sum(sq) / (xs.length - 1));
  }

  private static int maxOf(int[] xs) {
    int max = 0;
    for (int x : xs) {
      max = Math.max(max, x);
    }
    return max;
  }

  /** Sort keys and counts of one group. */
  static final class GroupKeys {
    final int code;
    final double[] counts;
    int size;
    int gOrd = Integer.MAX_VALUE;
    double key1;
    double key2;
    double key3;

    GroupKeys(int code, double[] counts) {
      this.code = code;
      this.counts = counts;
    }
  }
}
