package org.soakbench.coordinator.output;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/** Number formatting shared by every table soakbench writes. */
public final class Formats {
  private Formats() {}

  /** The shortest decimal that parses back to the same double, without exponent; NaN as R's NaN. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    if (v == 0) {
      return "0";
    }
    // Schubfach (as Double.toString since JDK 19): always the shortest digits, and several times faster than JDK 17's
    String s = NumberOutput.toString(v, true);
    if (s.indexOf('E') < 0) {
      // plain notation already has no trailing zeros, except the ".0" of a whole number
      return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
    return new BigDecimal(s).stripTrailingZeros().toPlainString();
  }
}
