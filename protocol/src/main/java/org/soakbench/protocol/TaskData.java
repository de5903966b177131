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
    int positiveClass,
    String targetName)
    implements CborSerializable {

  /** A task whose target column is called {@code target} (tests; the loader names it as the file does). */
  public TaskData(String taskId, TaskKind kind, List<FeatureColumn> features, double[] target, List<String> classLevels,
      int positiveClass) {
    this(taskId, kind, features, target, classLevels, positiveClass, "target");
  }

  public int rows() {
    return target.length;
  }

  public int classes() {
    return classLevels == null ? 0 : classLevels.size();
  }
}
