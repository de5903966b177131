package org.soakbench.worker.learn.rpart;

/**
 * rpart's class method with the Gini index and default priors and loss ({@code gini.c}, SPEC §6):
 * the node's class is the one of least misclassification loss, while splits minimise Gini impurity.
 */
final class Gini implements Method {
  private static final int LEFT = -1;
  private static final int RIGHT = 1;
  /** Class codes 0..numclass-1 of every training row. */
  private final int[] y;
  private final int nc;
  private final double[] prior;
  private final double[] aprior;
  private final double[] loss;
  private final double[] scratch = new double[3];

  /**
   * @param y 0-based class codes of the training rows
   * @param rPrior R's {@code counts / sum(counts)} for the classes 0..numclass-1
   */
  Gini(int[] y, int numclass, double[] rPrior) {
    this.y = y;
    this.nc = numclass;
    this.loss = new double[nc * nc];
    for (int i = 0; i < nc; i++) {
      for (int j = 0; j < nc; j++) {
        loss[i * nc + j] = i == j ? 0 : 1;
      }
    }
    // giniinit, literally: its ulp-level results feed every impurity
    double[] freq = new double[nc];
    double total = 0;
    for (int code : y) {
      freq[code] += 1.0;
      total += 1.0;
    }
    for (int i = 0; i < nc; i++) {
      freq[i] /= total;
    }
    prior = rPrior.clone();
    aprior = new double[nc];
    double t = 0;
    for (int i = 0; i < nc; i++) {
      for (int j = 0; j < nc; j++) {
        t += loss[i * nc + j] * prior[i];
        aprior[i] += loss[i * nc + j] * prior[i];
      }
    }
    for (int i = 0; i < nc; i++) {
      if (freq[i] > 0) {
        prior[i] /= freq[i];
        aprior[i] /= t * freq[i];
      }
    }
  }

  private static double impurity(double p) {
    return p * (1 - p);
  }

  /**
   * Into {@code out}: a candidate's weighted impurity and the mean class index of its left and right
   * side, summed class by class in gini.c's interleaved order (the last bits decide ties).
   */
  private void score(double[] left, double[] right, double lw, double rw, double[] out) {
    double v = 0;
    double lmean = 0;
    double rmean = 0;
    for (int j = 0; j < nc; j++) {
      double p = aprior[j] * left[j] / lw;
      v += lw * impurity(p);
      lmean += p * j;
      p = aprior[j] * right[j] / rw;
      v += rw * impurity(p);
      rmean += p * j;
    }
    out[0] = v;
    out[1] = lmean;
    out[2] = rmean;
  }

  @Override
  public NodeEstimate eval(int[] rows, int from, int to) {
    double[] n = new double[nc];
    double p = 0;
    for (int i = from; i < to; i++) {
      int j = y[rows[i]];
      n[j] += 1.0;
      p += 1.0 * prior[j];
    }
    double dev = Double.MAX_VALUE;
    int best = 0;
    for (int i = 0; i < nc; i++) {
      double l = 0;
      for (int j = 0; j < nc; j++) {
        l += n[j] * loss[j * nc + i] * prior[j];
      }
      if (l < dev) {
        dev = l;
        best = i;
      }
    }
    return new NodeEstimate(best + 1, dev, n, p);
  }

  @Override
  public Found split(double[] x, int[] rows, int k, int ncat, int edge, double myrisk) {
    return ncat == 0 ? continuous(x, rows, k, edge) : categorical(x, rows, k, ncat, edge);
  }

  private Found continuous(double[] x, int[] rows, int k, int edge) {
    double[] left = new double[nc];
    double[] right = new double[nc];
    double rw = 0;
    for (int i = 0; i < k; i++) {
      int j = y[rows[i]];
      right[j] += 1.0;
      rw += aprior[j] * 1.0;
    }
    double total = 0;
    for (int j = 0; j < nc; j++) {
      total += rw * impurity(aprior[j] * right[j] / rw);
    }
    double best = total;
    double lw = 0;
    int ln = 0;
    int rn = k;
    int where = -1;
    int dir = LEFT;
    for (int i = 0; rn > edge; i++) {
      int c = y[rows[i]];
      double a = aprior[c] * 1.0;
      rw -= a;
      lw += a;
      rn--;
      ln++;
      right[c] -= 1.0;
      left[c] += 1.0;
      if (ln >= edge && x[i + 1] != x[i]) {
        score(left, right, lw, rw, scratch);
        if (scratch[0] < best) {
          best = scratch[0];
          where = i;
          dir = scratch[1] < scratch[2] ? LEFT : RIGHT;
        }
      }
    }
    double improve = total - best;
    if (!(improve > 0)) {
      return null;
    }
    return new Found(improve, (x[where] + x[where + 1]) / 2, dir, null);
  }

  private Found categorical(double[] x, int[] rows, int k, int ncat, int edge) {
    int[] count = new int[ncat];
    double[] awt = new double[ncat];
    double[][] ccnt = new double[nc][ncat];
    double[] right = new double[nc];
    double rw = 0;
    for (int i = 0; i < k; i++) {
      int j = y[rows[i]];
      int lev = (int) x[i] - 1;
      count[lev]++;
      awt[lev] += aprior[j] * 1.0;
      ccnt[j][lev] += 1.0;
      right[j] += 1.0;
      rw += aprior[j] * 1.0;
    }
    int[] tsplit = new int[ncat];
    for (int lev = 0; lev < ncat; lev++) {
      tsplit[lev] = awt[lev] == 0 ? 0 : RIGHT;
    }
    double total = 0;
    for (int j = 0; j < nc; j++) {
      total += rw * impurity(aprior[j] * right[j] / rw);
    }
    double[] left = new double[nc];
    double lw = 0;
    int ln = 0;
    int rn = k;
    double best = total;
    int[] table = null;
    int[] present = new int[ncat];
    for (int lev = 0; lev < ncat; lev++) {
      present[lev] = awt[lev] == 0 ? 0 : count[lev];
    }
    java.util.function.IntSupplier moves;
    if (nc == 2) {
      double[] rate = new double[ncat];
      for (int lev = 0; lev < ncat; lev++) {
        rate[lev] = awt[lev] == 0 ? 0 : ccnt[0][lev] / awt[lev];
      }
      int[] order = GrayCode.byValue(present, rate);
      int[] next = {0};
      moves = () -> next[0] < order.length ? order[next[0]++] : -1;
    } else {
      GrayCode.Enumeration gray = new GrayCode.Enumeration(present);
      moves = gray::next;
    }
    for (int lev = moves.getAsInt(); lev >= 0; lev = moves.getAsInt()) {
      if (tsplit[lev] == LEFT) {
        tsplit[lev] = RIGHT;
        rw += awt[lev];
        lw -= awt[lev];
        rn += count[lev];
        ln -= count[lev];
        for (int j = 0; j < nc; j++) {
          right[j] += ccnt[j][lev];
          left[j] -= ccnt[j][lev];
        }
      } else {
        tsplit[lev] = LEFT;
        rw -= awt[lev];
        lw += awt[lev];
        rn -= count[lev];
        ln += count[lev];
        for (int j = 0; j < nc; j++) {
          right[j] -= ccnt[j][lev];
          left[j] += ccnt[j][lev];
        }
      }
      if (ln >= edge && rn >= edge) {
        score(left, right, lw, rw, scratch);
        if (scratch[0] < best) {
          best = scratch[0];
          table = new int[ncat];
          for (int i = 0; i < ncat; i++) {
            table[i] = scratch[1] < scratch[2] ? tsplit[i] : -tsplit[i];
          }
        }
      }
    }
    double improve = total - best;
    return table == null || !(improve > 0) ? null : new Found(improve, 0, 0, table);
  }
}
