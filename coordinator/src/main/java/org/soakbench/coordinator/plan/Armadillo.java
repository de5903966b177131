package org.soakbench.coordinator.plan;

/**
 * Armadillo's summation order for {@code mean} and {@code var}: the Wasikowski fold choice breaks
 * near-ties on the last bits of these values, so R's C++ results are only reproduced bit for bit
 * when the sums are accumulated in the same order (two interleaved accumulators).
 */
final class Armadillo {
  private Armadillo() {}

  static double accumulate(double[] x) {
    double acc1 = 0;
    double acc2 = 0;
    int i;
    int j;
    for (i = 0, j = 1; j < x.length; i += 2, j += 2) {
      acc1 += x[i];
      acc2 += x[j];
    }
    if (i < x.length) {
      acc1 += x[i];
    }
    return acc1 + acc2;
  }

  static double mean(double[] x) {
    return accumulate(x) / x.length;
  }

  /** Sample variance (n-1 denominator) with Armadillo's correction term. */
  static double var(double[] x) {
    int n = x.length;
    if (n < 2) {
      return 0;
    }
    double mean = mean(x);
    double acc2 = 0;
    double acc3 = 0;
    int i;
    int j;
    for (i = 0, j = 1; j < n; i += 2, j += 2) {
      double ti = mean - x[i];
      double tj = mean - x[j];
      acc2 += ti * ti + tj * tj;
      acc3 += ti + tj;
    }
    if (i < n) {
      double ti = mean - x[i];
      acc2 += ti * ti;
      acc3 += ti;
    }
    return (acc2 - acc3 * acc3 / n) / (n - 1);
  }
}
