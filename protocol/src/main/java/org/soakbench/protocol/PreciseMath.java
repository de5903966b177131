package org.soakbench.protocol;

import java.util.Arrays;

/**
 * Sums and means rounded once at the end. R accumulates {@code sum} and {@code mean} in long
 * double, so plain left-to-right double sums would differ from R's numbers in the last bits.
 * Shewchuk's exact summation (as Python's {@code math.fsum}) keeps the running sum as a few
 * non-overlapping doubles: the correctly rounded result at a few additions an element, where a
 * BigDecimal sum allocated two objects an element.
 */
public final class PreciseMath {
  private PreciseMath() {}

  /** The correctly rounded sum; non-finite inputs give what plain addition gives. */
  public static double sum(double[] xs) {
    Expansion e = Expansion.of(xs);
    return e == null ? plainSum(xs) : rounded(e.parts(), e.size());
  }

  /** The exact sum divided by the count, correctly rounded but for ties far below an ulp. */
  public static double mean(double[] xs) {
    Expansion exact = Expansion.of(xs);
    if (exact == null) {
      return plainSum(xs) / xs.length;
    }
    double s = rounded(exact.parts(), exact.size());
    // what rounding the sum left out, then what the division left out
    double[] rest = Arrays.copyOf(exact.parts(), exact.size() + 1);
    rest[exact.size()] = -s;
    double r = sum(rest);
    double len = xs.length;
    double q = s / len;
    double e = Math.fma(-q, len, s);
    return q + (e + r) / len;
  }

  /** An exact sum as {@code size} non-overlapping doubles in increasing magnitude. */
  private record Expansion(double[] parts, int size) {

    /** The exact sum of {@code xs}, or null when a value or a partial sum is not finite. */
    static Expansion of(double[] xs) {
      double[] partials = new double[8];
      int n = 0;
      for (double value : xs) {
        if (!Double.isFinite(value)) {
          return null;
        }
        double x = value;
        int i = 0;
        for (int j = 0; j < n; j++) {
          double y = partials[j];
          if (Math.abs(x) < Math.abs(y)) {
            double t = x;
            x = y;
            y = t;
          }
          double hi = x + y;
          double lo = y - (hi - x);
          if (lo != 0) {
            partials[i++] = lo;
          }
          x = hi;
        }
        if (!Double.isFinite(x)) {
          return null;
        }
        if (i == partials.length) {
          partials = Arrays.copyOf(partials, 2 * partials.length);
        }
        partials[i++] = x;
        n = i;
      }
      return new Expansion(partials, n);
    }
  }

  /** The expansion's sum, correctly rounded (round half to even), as fsum does. */
  private static double rounded(double[] p, int n) {
    if (n == 0) {
      return 0.0;
    }
    double hi = p[--n];
    double lo = 0;
    while (n > 0) {
      double x = hi;
      double y = p[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0) {
        break;
      }
    }
    // a half-way case: the partials below decide which way it goes
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      double y = lo * 2;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) {
        hi = x;
      }
    }
    return hi;
  }

  private static double plainSum(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s;
  }
}
