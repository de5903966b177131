package org.soakbench.protocol;

import java.util.List;

/**
 * A task's validated data in column form, rows in data-file order. A classification target holds
 * class codes (0-based indexes into {@code classLevels}); a regression target holds its values.
 */
public record TaskData(
    String taskId,
    TaskKind kind,
    List<FeatureColumn> features,
    double[] target,
    List<String> classLevels,
    int positiveClass)
    implements CborSerializable {

  public int rows() {
    return target.length;
  }

  public int classes() {
    return classLevels == null ? 0 : classLevels.size();
  }
}
