package org.soakbench.protocol;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Sums and means rounded once at the end. R accumulates {@code sum} and {@code mean} in long
 * double, so plain left-to-right double sums would differ from R's numbers in the last bits.
 */
public final class PreciseMath {
  private PreciseMath() {}

  public static double sum(double[] xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (double x : xs) {
      s = s.add(new BigDecimal(x));
    }
    return s.doubleValue();
  }

  public static double mean(double[] xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (double x : xs) {
      s = s.add(new BigDecimal(x));
    }
    return s.divide(BigDecimal.valueOf(xs.length), MathContext.DECIMAL128).doubleValue();
  }
}
