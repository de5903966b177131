package org.soakbench.worker.learn.rpart;

import java.util.ArrayList;
import java.util.List;

/** One node of a fitted rpart tree, numbered as rpart does (root 1, children 2k and 2k + 1). */
public final class RpartNode {
  final int number;
  int n;
  double risk;
  double yval;
  /** Per-class counts (class method), else null. */
  double[] counts;
  /** Class probabilities in class-code order (class method), set once the tree is final, else null. */
  double[] probabilities;
  double complexity;
  /** The primary split first, then its competitors, best first; empty for a leaf. */
  List<Split> splits = new ArrayList<>();
  List<Split> surrogates = new ArrayList<>();
  RpartNode left;
  RpartNode right;

  RpartNode(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public int n() {
    return n;
  }

  /** rpart's {@code dev}: the deviance (anova) or misclassification loss (class). */
  public double risk() {
    return risk;
  }

  /** The mean (anova) or the 1-based class code (class). */
  public double yval() {
    return yval;
  }

  /** The node's complexity in absolute units (the frame shows it divided by the root's risk). */
  public double complexity() {
    return complexity;
  }

  public boolean leaf() {
    return left == null;
  }

  public RpartNode left() {
    return left;
  }

  public RpartNode right() {
    return right;
  }

  public List<Split> splits() {
    return splits;
  }

  public List<Split> surrogates() {
    return surrogates;
  }

  public double[] counts() {
    return counts;
  }
}
