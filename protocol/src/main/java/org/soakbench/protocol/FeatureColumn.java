package org.soakbench.protocol;

import java.util.List;

/**
 * One feature column. Numeric columns hold their values; categorical ones hold level codes
 * (0-based indexes into {@code levels}) so learners decide how to encode them.
 */
public record FeatureColumn(String name, double[] values, List<String> levels) implements CborSerializable {

  public boolean categorical() {
    return levels != null;
  }
}
