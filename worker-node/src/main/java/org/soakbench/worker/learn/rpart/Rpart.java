package org.soakbench.worker.learn.rpart;

import java.util.ArrayList;
import java.util.List;

/**
 * Grows a tree as R's rpart 4.1 does on complete data with unit weights, step for step (SPEC §3-§7,
 * written from {@code shared/reference/rpart/SPEC.md}, not from rpart's C code): one sort order per
 * variable made once with rpart's quicksort and partitioned stably at each split, the split search
 * in column order with the {@code 1e-10} relative rule, and the complexity bookkeeping of
 * {@code partition.c} that cuts the tree at {@code cp} while it grows. Every sum runs in the order
 * rpart's runs, so fitted values and predictions equal R's to the last bit.
 */
public final class Rpart {
  private static final int LEFT = -1;
  private static final int RIGHT = 1;

  private final double[][] x;
  private final int[] ncat;
  private final Method method;
  private final RpartControl control;
  private final int n;
  private final int[][] sorted;
  /** {@code sortedX[v][i] = x[v][sorted[v][i]]}, moved along with {@code sorted}: the searches read it in order. */
  private final double[][] sortedX;
  private final int[] which;
  private final double[] xs;
  private final int[] rs;
  private final int[] buffer;
  private final double[] xBuffer;
  private final int maxnode;
  private final int maxpri;
  private double alpha;
  private double iscale;

  private Rpart(double[][] x, int[] ncat, Method method, RpartControl control) {
    this.x = x;
    this.ncat = ncat;
    this.method = method;
    this.control = control;
    this.n = x.length == 0 ? 0 : x[0].length;
    this.sorted = new int[x.length][];
    this.sortedX = new double[x.length][];
    this.which = new int[n];
    this.xs = new double[n];
    this.rs = new int[n];
    this.buffer = new int[n];
    this.xBuffer = new double[n];
    this.maxnode = (int) (Math.pow(2, control.maxdepth()) - 1);
    this.maxpri = Math.max(1, control.maxcompete() + 1);
  }

  /**
   * A regression tree (method anova).
   *
   * @param x the features as columns in the model's column order, rows in training order; a
   *     categorical feature as its level codes 1..ncat
   * @param ncat per column: the number of declared levels of an unordered factor, 0 for a continuous one
   */
  public static RpartTree anova(double[][] x, int[] ncat, double[] y, RpartControl control) {
    check(x, ncat, y.length);
    return new Rpart(x, ncat, new Anova(y), control).grow(false, 0, null, null);
  }

  /**
   * A classification tree (method class, Gini, default priors and loss).
   *
   * @param y 1-based class codes (factor level codes) of the training rows
   */
  public static RpartTree classification(double[][] x, int[] ncat, int[] y, RpartControl control) {
    check(x, ncat, y.length);
    int numclass = 0;
    for (int c : y) {
      if (c < 1) {
        throw new IllegalArgumentException("class codes start at 1, got " + c);
      }
      numclass = Math.max(numclass, c);
    }
    double[] counts = new double[numclass];
    int[] codes = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      codes[i] = y[i] - 1;
      counts[codes[i]]++;
    }
    if (counts[0] == 0) {
      // R stops here too ("number of rows of matrices must match", diag() of a scalar in rpart.R)
      throw new IllegalArgumentException("rpart cannot fit a training set without its first class");
    }
    double sum = 0;
    for (double c : counts) {
      sum += c;
    }
    double[] prior = new double[numclass];
    for (int j = 0; j < numclass; j++) {
      prior[j] = counts[j] / sum;
    }
    return new Rpart(x, ncat, new Gini(codes, numclass, prior), control).grow(true, numclass, prior, counts);
  }

  private static void check(double[][] x, int[] ncat, int rows) {
    if (x.length != ncat.length) {
      throw new IllegalArgumentException(x.length + " columns but " + ncat.length + " level counts");
    }
    for (double[] col : x) {
      if (col.length != rows) {
        throw new IllegalArgumentException("a column has " + col.length + " rows, the response " + rows);
      }
    }
    if (rows == 0) {
      throw new IllegalArgumentException("no training rows");
    }
  }

  private RpartTree grow(boolean classification, int numclass, double[] prior, double[] counts) {
    for (int v = 0; v < x.length; v++) {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      double[] values = x[v].clone();
      if (ncat[v] == 0) {
        MySort.sort(0, n - 1, values, idx);
      }
      sorted[v] = idx;
      sortedX[v] = values;
    }
    int[] rowOrder = new int[n];
    for (int i = 0; i < n; i++) {
      rowOrder[i] = i;
    }
    RpartNode root = new RpartNode(1);
    estimate(root, method.eval(rowOrder, 0, n), n);
    root.complexity = root.risk;
    alpha = control.cp() * root.risk;
    partition(root, 1, 0, n);
    return new RpartTree(root, alpha, control.usesurrogate(), classification, numclass, prior, counts);
  }

  private static void estimate(RpartNode node, Method.NodeEstimate e, int rows) {
    node.n = rows;
    node.risk = e.risk();
    node.yval = e.yval();
    node.counts = e.counts();
  }

  /** Splits count and summed leaf risk of a kept subtree. */
  private record Grown(int splits, double sumrisk) {}

  private Grown partition(RpartNode node, int num, int lo, int hi) {
    double t;
    if (num > 1) {
      // a node is summed in the first column's order (the root was summed in row order)
      estimate(node, method.eval(sorted[0], lo, hi), hi - lo);
      t = Math.min(node.risk, node.complexity);
    } else {
      t = node.risk;
    }
    if (node.n < control.minsplit() || t <= alpha || num > maxnode) {
      node.complexity = alpha;
      return new Grown(0, node.risk);
    }
    List<Split> primaries = bestSplits(node, lo, hi);
    if (primaries.isEmpty()) {
      node.complexity = alpha;
      return new Grown(0, node.risk);
    }
    node.splits = primaries;
    Split primary = primaries.get(0);
    direct(primary, lo, hi);
    if (control.maxsurrogate() > 0) {
      node.surrogates = Surrogates.find(sortedX, ncat, sorted, which, primary.variable(), lo, hi, control);
    }
    int nleft = partitionRows(lo, hi);
    RpartNode left = new RpartNode(2 * num);
    RpartNode right = new RpartNode(2 * num + 1);
    node.left = left;
    node.right = right;
    left.complexity = t - alpha;
    Grown l = partition(left, 2 * num, lo, lo + nleft);
    t = Math.max((node.risk - l.sumrisk()) / (l.splits() + 1), node.risk - left.risk);
    t = Math.min(t, node.complexity);
    right.complexity = t - alpha;
    Grown r = partition(right, 2 * num + 1, lo + nleft, hi);

    double lr = l.sumrisk();
    double rr = r.sumrisk();
    int ls = l.splits();
    int rsplits = r.splits();
    double c = (node.risk - (lr + rr)) / (ls + rsplits + 1);
    if (right.complexity > left.complexity) {
      if (c > left.complexity) {
        lr = left.risk;
        ls = 0;
        c = (node.risk - (lr + rr)) / (ls + rsplits + 1);
        if (c > right.complexity) {
          rr = right.risk;
          rsplits = 0;
        }
      }
    } else if (c > right.complexity) {
      rr = right.risk;
      rsplits = 0;
      c = (node.risk - (lr + rr)) / (ls + rsplits + 1);
      if (c > left.complexity) {
        lr = left.risk;
        ls = 0;
      }
    }
    node.complexity = (node.risk - (lr + rr)) / (ls + rsplits + 1);
    if (node.complexity <= alpha) {
      // the subtree does not pay for itself: the node becomes a leaf, keeping its complexity
      node.left = null;
      node.right = null;
      node.splits = new ArrayList<>();
      node.surrogates = new ArrayList<>();
      return new Grown(0, node.risk);
    }
    return new Grown(ls + rsplits + 1, lr + rr);
  }

  /** The best split of each variable, in column order, ranked: primary first, then competitors. */
  private List<Split> bestSplits(RpartNode node, int lo, int hi) {
    List<Split> list = new ArrayList<>();
    int k = hi - lo;
    for (int v = 0; v < x.length; v++) {
      System.arraycopy(sorted[v], lo, rs, 0, k);
      System.arraycopy(sortedX[v], lo, xs, 0, k);
      if (k == 0 || ncat[v] == 0 && xs[0] == xs[k - 1]) {
        continue;
      }
      Method.Found f = method.split(xs, rs, k, ncat[v], control.minbucket(), node.risk);
      double improve = f == null ? 0 : f.improve();
      if (improve > iscale) {
        iscale = improve;
      }
      if (f != null && improve > iscale * 1e-10) {
        RankedList.insert(list, new Split(v, improve, k, f.point(), f.direction(), f.table(), 0), maxpri);
      }
    }
    return list;
  }

  /** Sets {@code which} for the node's rows: where the primary split sends each. */
  private void direct(Split primary, int lo, int hi) {
    double[] col = x[primary.variable()];
    for (int i = lo; i < hi; i++) {
      int row = sorted[0][i];
      which[row] = primary.route(col[row]) < 0 ? LEFT : RIGHT;
    }
  }

  /** Rearranges every variable's segment into [left rows | right rows], each in its old order; returns the left count. */
  private int partitionRows(int lo, int hi) {
    int nleft = 0;
    for (int v = 0; v < sorted.length; v++) {
      int[] order = sorted[v];
      double[] values = sortedX[v];
      int l = lo;
      int r = 0;
      for (int i = lo; i < hi; i++) {
        int row = order[i];
        double value = values[i];
        if (which[row] == LEFT) {
          values[l] = value;
          order[l++] = row;
        } else {
          xBuffer[r] = value;
          buffer[r++] = row;
        }
      }
      System.arraycopy(buffer, 0, order, l, r);
      System.arraycopy(xBuffer, 0, values, l, r);
      nleft = l - lo;
    }
    return nleft;
  }
}
