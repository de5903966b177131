package org.soakbench.protocol;

import java.util.List;
import java.util.Map;

/** The measures soakbench knows, by short name, and their mlr3 column names. */
public final class Measures {
  private static final Map<String, TaskKind> KINDS =
      Map.of(
          "rmse", TaskKind.REGRESSION,
          "mae", TaskKind.REGRESSION,
          "mse", TaskKind.REGRESSION,
          "rsq", TaskKind.REGRESSION,
          "ce", TaskKind.CLASSIFICATION,
          "acc", TaskKind.CLASSIFICATION,
          "auc", TaskKind.CLASSIFICATION,
          "logloss", TaskKind.CLASSIFICATION);

  /** Every known short name, in the order the README documents them. */
  public static final List<String> ALL = List.of("rmse", "mae", "mse", "rsq", "ce", "acc", "auc", "logloss");

  private Measures() {}

  public static boolean known(String name) {
    return KINDS.containsKey(name);
  }

  public static TaskKind kindOf(String name) {
    return KINDS.get(name);
  }

  /** mlr3's column name, e.g. {@code regr.rmse} or {@code classif.ce}. */
  public static String columnName(String name) {
    return KINDS.get(name).measurePrefix() + "." + name;
  }

  /** The default measure of a task kind: rmse for regression, ce for classification. */
  public static String defaultFor(TaskKind kind) {
    return kind == TaskKind.REGRESSION ? "rmse" : "ce";
  }
}
