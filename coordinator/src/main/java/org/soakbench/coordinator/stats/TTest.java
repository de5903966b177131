package org.soakbench.coordinator.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Beta;

/**
 * R's {@code t.test} as {@code pvalue()} calls it: two-sided, paired or Welch. A test that R stops
 * with an error (too few observations, "data are essentially constant") gives NA (null) estimate and
 * p-value, as {@code pvalue()} catches it; differences that are all exactly zero give NaN, as in R.
 * The t distribution comes from Commons Math's regularized incomplete beta function.
 */
final class TTest {
  /** R's {@code .Machine$double.eps}. */
  private static final double EPS = Math.ulp(1.0);

  /** A test's estimate (mean difference for paired, difference of means for Welch) and p-value; null is NA. */
  record Result(Double estimate, Double pValue) {
    static final Result NA = new Result(null, null);
  }

  private TTest() {}

  /** {@code t.test(x, y, paired=TRUE)}: pairs with an NA on either side are dropped. */
  static Result paired(List<Double> x, List<Double> y) {
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i) != null && y.get(i) != null) {
        d.add(x.get(i) - y.get(i));
      }
    }
    if (d.size() < 2) {
      return Result.NA;
    }
    double mean = RStats.mean(d);
    double stderr = Math.sqrt(RStats.var(d) / d.size());
    if (stderr < 10 * EPS * Math.abs(mean)) {
      return Result.NA;
    }
    double t = mean / stderr;
    return new Result(mean, twoSided(t, d.size() - 1));
  }

  /** {@code t.test(x, y)}: Welch's unequal-variance test; NAs are dropped from each side. */
  static Result welch(List<Double> x, List<Double> y) {
    List<Double> xs = x.stream().filter(v -> v != null).toList();
    List<Double> ys = y.stream().filter(v -> v != null).toList();
    if (xs.size() < 2 || ys.size() < 2) {
      return Result.NA;
    }
    double mx = RStats.mean(xs);
    double my = RStats.mean(ys);
    double sx = RStats.var(xs) / xs.size();
    double sy = RStats.var(ys) / ys.size();
    double stderr = Math.sqrt(sx + sy);
    if (stderr < 10 * EPS * Math.max(Math.abs(mx), Math.abs(my))) {
      return Result.NA;
    }
    double df = (sx + sy) * (sx + sy) / (sx * sx / (xs.size() - 1) + sy * sy / (ys.size() - 1));
    double t = (mx - my) / stderr;
    return new Result(mx - my, twoSided(t, df));
  }

  /** {@code 2 * pt(-|t|, df)}, i.e. I_{df/(df+t^2)}(df/2, 1/2); NaN when t is NaN (0/0). */
  static double twoSided(double t, double df) {
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return 0;
    }
    return Beta.regularizedBeta(df / (df + t * t), 0.5 * df, 0.5, 1e-16, Integer.MAX_VALUE);
  }
}
