package org.soakbench.worker.learn;

import java.util.Map;
import org.soakbench.protocol.BadInputException;

/** Typed, range-checked access to a learner's parameters as written in the experiment. */
public final class LearnerParams {
  private final Map<String, String> values;

  public LearnerParams(Map<String, String> values) {
    this.values = values;
  }

  public int integer(String key, int dflt, int min, int max) {
    String raw = values.get(key);
    if (raw == null) {
      return dflt;
    }
    double v = parse(key, raw);
    if (v != Math.rint(v) || v < min || v > max) {
      throw new BadInputException("parameter " + key + " = " + raw + ": expected an integer in [" + min + ", " + max + "]");
    }
    return (int) v;
  }

  public double number(String key, double dflt, double min, double max) {
    String raw = values.get(key);
    if (raw == null) {
      return dflt;
    }
    double v = parse(key, raw);
    if (!(v >= min && v <= max)) {
      throw new BadInputException("parameter " + key + " = " + raw + ": expected a number in [" + min + ", " + max + "]");
    }
    return v;
  }

  public boolean bool(String key, boolean dflt) {
    String raw = values.get(key);
    if (raw == null) {
      return dflt;
    }
    if (!raw.equals("true") && !raw.equals("false")) {
      throw new BadInputException("parameter " + key + " = " + raw + ": expected true or false");
    }
    return Boolean.parseBoolean(raw);
  }

  /** A word parameter; {@code allowed} null accepts any word. */
  public String word(String key, String dflt, java.util.List<String> allowed) {
    String raw = values.get(key);
    if (raw == null) {
      return dflt;
    }
    if (allowed != null && !allowed.contains(raw)) {
      throw new BadInputException("parameter " + key + " = " + raw + ": expected one of " + String.join(", ", allowed));
    }
    return raw;
  }

  /** Every parameter as given (for learners that pass them on, such as external scripts). */
  public java.util.Map<String, String> values() {
    return java.util.Collections.unmodifiableMap(values);
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  private static double parse(String key, String raw) {
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new BadInputException("parameter " + key + " = " + raw + ": expected a number");
    }
  }
}
