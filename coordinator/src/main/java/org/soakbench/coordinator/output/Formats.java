package org.soakbench.coordinator.output;

import com.fasterxml.jackson.core.io.NumberOutput;

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
    return plain(s);
  }

  /** {@code d.dddE±x} (Schubfach's shortest digits) in plain notation, digit for digit. */
  private static String plain(String scientific) {
    int e = scientific.indexOf('E');
    int exponent = Integer.parseInt(scientific, e + 1, scientific.length(), 10);
    boolean negative = scientific.charAt(0) == '-';
    StringBuilder digits = new StringBuilder(24);
    for (int i = negative ? 1 : 0; i < e; i++) {
      if (scientific.charAt(i) != '.') {
        digits.append(scientific.charAt(i));
      }
    }
    while (digits.length() > 1 && digits.charAt(digits.length() - 1) == '0') {
      digits.setLength(digits.length() - 1);
    }
    // the point goes after digit 1 + exponent
    int point = 1 + exponent;
    StringBuilder out = new StringBuilder(digits.length() + Math.abs(exponent) + 3);
    if (negative) {
      out.append('-');
    }
    if (point <= 0) {
      out.append("0.").append("0".repeat(-point)).append(digits);
    } else if (point >= digits.length()) {
      out.append(digits).append("0".repeat(point - digits.length()));
    } else {
      out.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return out.toString();
  }
}
