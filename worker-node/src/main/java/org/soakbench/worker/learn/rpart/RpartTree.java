package org.soakbench.worker.learn.rpart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted rpart tree as {@code rpart()} returns it: already cut at {@code cp} (rpart prunes while it
 * grows; nothing prunes later), with the node complexities of {@code make_cp_list}, the cp table, the
 * class probabilities of {@code rpart.R} and {@code predict()}'s walk (SPEC §8-§9).
 */
public final class RpartTree {
  private final RpartNode root;
  private final double alpha;
  private final int usesurrogate;
  private final boolean classification;
  private final int numclass;
  /** R's prior (class counts / their sum) and the class counts of the training rows. */
  private final double[] prior;
  private final double[] classCounts;
  private final List<Double> cps = new ArrayList<>();

  RpartTree(RpartNode root, double alpha, int usesurrogate, boolean classification, int numclass, double[] prior,
      double[] classCounts) {
    this.root = root;
    this.alpha = alpha;
    this.usesurrogate = usesurrogate;
    this.classification = classification;
    this.numclass = numclass;
    this.prior = prior;
    this.classCounts = classCounts;
    cps.add(root.complexity);
    cpList(root, root.complexity);
    if (classification) {
      // once per node here, not once per predicted row
      for (RpartNode node : preorder()) {
        node.probabilities = classProbabilities(node);
      }
    }
  }

  private void cpList(RpartNode node, double parent) {
    if (node.complexity > parent) {
      node.complexity = parent;
    }
    double me = Math.max(node.complexity, alpha);
    if (!node.leaf()) {
      cpList(node.left, me);
      cpList(node.right, me);
    }
    if (me < parent) {
      int at = 0;
      while (at < cps.size() && cps.get(at) > me) {
        at++;
      }
      if (at == cps.size() || cps.get(at) != me) {
        cps.add(at, me);
      }
    }
  }

  public RpartNode root() {
    return root;
  }

  public boolean classification() {
    return classification;
  }

  /** The nodes in preorder, the row order of rpart's {@code frame}. */
  public List<RpartNode> preorder() {
    List<RpartNode> out = new ArrayList<>();
    preorder(root, out);
    return out;
  }

  private static void preorder(RpartNode node, List<RpartNode> out) {
    out.add(node);
    if (!node.leaf()) {
      preorder(node.left, out);
      preorder(node.right, out);
    }
  }

  /** {@code frame$complexity}: the complexity scaled by the root's risk (a product with its reciprocal). */
  public double scaledComplexity(RpartNode node) {
    return node.complexity * (1 / root.risk);
  }

  /** One row of {@code cptable}. */
  public record CpRow(double cp, int nsplit, double relError) {}

  public List<CpRow> cpTable() {
    double scale = 1 / root.risk;
    List<CpRow> rows = new ArrayList<>();
    for (double cp : cps) {
      double[] risk = {0};
      int[] leaves = {0};
      prunedLeaves(root, cp, risk, leaves);
      rows.add(new CpRow(cp * scale, leaves[0] - 1, risk[0] * scale));
    }
    return rows;
  }

  /** Adds up, left to right, the risks of the leaves of the tree pruned at {@code cp}. */
  private static void prunedLeaves(RpartNode node, double cp, double[] risk, int[] leaves) {
    if (node.leaf() || node.complexity <= cp) {
      risk[0] += node.risk;
      leaves[0]++;
      return;
    }
    prunedLeaves(node.left, cp, risk, leaves);
    prunedLeaves(node.right, cp, risk, leaves);
  }

  /**
   * The class probabilities of a node as {@code rpart.R} computes them: {@code t_j = n_j * (prior_j /
   * max(1, count_j))}, divided by their sum, which R adds in long double; the exact sum rounded once
   * is that sum whenever it fits 64 significant bits, as it does for class counts like these.
   */
  public double[] probabilities(RpartNode node) {
    if (!classification) {
      throw new IllegalStateException("a regression tree has no class probabilities");
    }
    return node.probabilities.clone();
  }

  private double[] classProbabilities(RpartNode node) {
    double[] t = new double[numclass];
    BigDecimal sum = BigDecimal.ZERO;
    for (int j = 0; j < numclass; j++) {
      t[j] = node.counts[j] * (prior[j] / Math.max(1, classCounts[j]));
      sum = sum.add(new BigDecimal(t[j]));
    }
    double rowSum = sum.doubleValue();
    double[] p = new double[numclass];
    for (int j = 0; j < numclass; j++) {
      p[j] = t[j] / rowSum;
    }
    return p;
  }

  /**
   * The node {@code predict()} ends in for one row (features in the training column order, factor
   * levels coded as in training): a level a node never saw goes by the surrogates, then (with
   * usesurrogate 2) to the child with more training rows, else the walk stops at that node.
   */
  public RpartNode predict(double[] row) {
    RpartNode node = root;
    while (!node.leaf()) {
      Split primary = node.splits.get(0);
      int dir = primary.route(row[primary.variable()]);
      if (dir == 0 && usesurrogate > 0) {
        for (Split s : node.surrogates) {
          dir = s.route(row[s.variable()]);
          if (dir != 0) {
            break;
          }
        }
      }
      if (dir == 0) {
        if (usesurrogate < 2 || node.left.n == node.right.n) {
          return node;
        }
        dir = node.left.n > node.right.n ? -1 : 1;
      }
      node = dir < 0 ? node.left : node.right;
    }
    return node;
  }
}
