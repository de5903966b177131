package org.soakbench.protocol;

/** Whether a task predicts a number or a class. */
public enum TaskKind {
  REGRESSION,
  CLASSIFICATION;

  /** Prefix of mlr3 measure names for this kind ({@code regr} or {@code classif}). */
  public String measurePrefix() {
    return this == REGRESSION ? "regr" : "classif";
  }
}
