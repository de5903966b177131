package org.soakbench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast exact sum and mean give, bit for bit, what exact decimal arithmetic gives, correctly
 * rounded ({@code Double.parseDouble} rounds correctly; Java 17's {@code BigDecimal.doubleValue}
 * does not always, JDK-8205592).
 */
class PreciseMathTest {
  static double bigSum(double[] xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (double x : xs) {
      s = s.add(new BigDecimal(x));
    }
    return Double.parseDouble(s.toString());
  }

  static double bigMean(double[] xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (double x : xs) {
      s = s.add(new BigDecimal(x));
    }
    return Double.parseDouble(s.divide(BigDecimal.valueOf(xs.length), new MathContext(80)).toString());
  }

  @Test
  void matchesExactArithmeticOnHardAndRandomData() {
    Random random = new Random(7);
    for (int trial = 0; trial < 3000; trial++) {
      int n = 1 + random.nextInt(trial % 10 == 0 ? 2000 : 40);
      double[] xs = new double[n];
      int kind = trial % 4;
      for (int i = 0; i < n; i++) {
        xs[i] = switch (kind) {
          case 0 -> random.nextGaussian() * 100;
          case 1 -> random.nextInt(7); // small integers, as class codes and the W1 target
          case 2 -> Math.scalb(random.nextDouble() - 0.5, random.nextInt(120) - 60); // wide exponents
          default -> (i % 2 == 0 ? 1e16 : -1e16) + random.nextInt(5); // cancellation
        };
      }
      assertEquals(bigSum(xs), PreciseMath.sum(xs), "sum, trial " + trial);
      assertEquals(bigMean(xs), PreciseMath.mean(xs), "mean, trial " + trial);
    }
  }

  @Test
  void casesPlainAdditionGetsWrong() {
    assertEquals(2.0, PreciseMath.sum(new double[] {1e100, 2.0, -1e100}));
    assertEquals(0.1 + 0.2, PreciseMath.sum(new double[] {0.1, 0.2}));
    assertEquals(bigMean(new double[] {0.1, 0.1, 0.1}), PreciseMath.mean(new double[] {0.1, 0.1, 0.1}));
    assertEquals(0.0, PreciseMath.sum(new double[0]));
    assertEquals(Double.POSITIVE_INFINITY, PreciseMath.sum(new double[] {1, Double.POSITIVE_INFINITY}));
  }
}
