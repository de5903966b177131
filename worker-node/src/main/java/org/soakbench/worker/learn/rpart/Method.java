package org.soakbench.worker.learn.rpart;

/** An rpart splitting method (anova or class): a node's estimate and risk, and the best split of one variable. */
interface Method {
  /** The estimate of a node whose rows are {@code rows[from..to)}, summed in that order. */
  NodeEstimate eval(int[] rows, int from, int to);

  /**
   * The best split of one variable over {@code k} rows in the variable's order ({@code x[i]} is row
   * {@code rows[i]}'s value), each side keeping at least {@code edge} rows; null when none improves.
   */
  Found split(double[] x, int[] rows, int k, int ncat, int edge, double myrisk);

  /** What a node predicts and its risk; {@code counts} per class (class method only). */
  record NodeEstimate(double yval, double risk, double[] counts, double weightedCount) {}

  /** The outcome of one variable's split search. */
  record Found(double improve, double point, int direction, int[] table) {}
}
