package org.soakbench.coordinator.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import org.soakbench.protocol.PreciseMath;

/**
 * R's {@code mean}, {@code sd} and {@code sprintf("%.3f")} on vectors that may hold NA (null).
 * R accumulates in long double; exact sums rounded once agree with it to well under 1e-12.
 */
final class RStats {
  private RStats() {}

  static boolean hasNa(List<Double> xs) {
    return xs.stream().anyMatch(Objects::isNull);
  }

  /** {@code mean(x)}: NA if any value is NA, NaN for an empty vector. */
  static Double mean(List<Double> xs) {
    if (hasNa(xs)) {
      return null;
    }
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    double[] values = xs.stream().mapToDouble(Double::doubleValue).toArray();
    if (java.util.Arrays.stream(values).anyMatch(x -> !Double.isFinite(x))) {
      return java.util.Arrays.stream(values).sum() / values.length; // Inf and NaN propagate as in R
    }
    return PreciseMath.mean(values);
  }

  /** {@code var(x)}: n-1 denominator; NA for fewer than two values or any NA. */
  static Double var(List<Double> xs) {
    if (hasNa(xs) || xs.size() < 2) {
      return null;
    }
    double m = mean(xs);
    if (!Double.isFinite(m)) {
      return Double.NaN;
    }
    BigDecimal mean = new BigDecimal(m);
    BigDecimal ss = BigDecimal.ZERO;
    for (double x : xs) {
      BigDecimal d = new BigDecimal(x).subtract(mean);
      ss = ss.add(d.multiply(d));
    }
    return ss.divide(BigDecimal.valueOf(xs.size() - 1L), MathContext.DECIMAL128).doubleValue();
  }

  static Double sd(List<Double> xs) {
    Double v = var(xs);
    return v == null ? null : Math.sqrt(v);
  }

  /** C's {@code printf("%.<digits>f")}: the exact binary value rounded half-even; NA and NaN as R prints them. */
  static String fixed(Double x, int digits) {
    if (x == null) {
      return "NA";
    }
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "Inf" : "-Inf";
    }
    String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    // C prints -0.000 for small negatives, as BigDecimal's plain string does not
    return x < 0 && !s.startsWith("-") ? "-" + s : s;
  }
}
