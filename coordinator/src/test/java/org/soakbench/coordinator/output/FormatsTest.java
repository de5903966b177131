package org.soakbench.coordinator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void plainNotationWithoutTrailingZeros() {
    assertEquals("0.000007768", Formats.number(7.768e-6));
    assertEquals("-0.000007768", Formats.number(-7.768e-6));
    assertEquals("12345678", Formats.number(1.2345678e7));
    assertEquals("100000000000000000000", Formats.number(1e20));
    assertEquals("-123456789.5", Formats.number(-1.234567895e8));
    assertEquals("0.001", Formats.number(0.001));
    assertEquals("3", Formats.number(3.0));
    assertEquals("0", Formats.number(-0.0));
    assertEquals("NaN", Formats.number(Double.NaN));
    assertEquals("-Inf", Formats.number(Double.NEGATIVE_INFINITY));
    assertEquals(new BigDecimal("4.9E-324").toPlainString(), Formats.number(Double.MIN_VALUE));
  }

  /** Any double: Schubfach's shortest digits, in plain notation (BigDecimal says what that is), reading back the same. */
  @Property(tries = 5000)
  void roundTripsInPlainNotation(@ForAll double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
      return;
    }
    String s = Formats.number(v);
    assertFalse(s.contains("E"), s);
    assertEquals(v, Double.parseDouble(s), s);
    assertEquals(new BigDecimal(NumberOutput.toString(v, true)).stripTrailingZeros().toPlainString()
        .replaceFirst("^(-?\\d+)\\.0*$", "$1"), s.replaceFirst("^(-?\\d+)\\.0*$", "$1"));
  }
}
