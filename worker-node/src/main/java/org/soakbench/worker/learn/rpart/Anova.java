package org.soakbench.worker.learn.rpart;

/** rpart's anova method ({@code anova.c}, SPEC §5): mean, deviance, and the deviance-explained split. */
final class Anova implements Method {
  private static final int LEFT = -1;
  private static final int RIGHT = 1;
  private final double[] y;

  Anova(double[] y) {
    this.y = y;
  }

  @Override
  public NodeEstimate eval(int[] rows, int from, int to) {
    double sum = 0;
    double w = 0;
    for (int i = from; i < to; i++) {
      sum += y[rows[i]];
      w += 1;
    }
    double mean = sum / w;
    double ss = 0;
    for (int i = from; i < to; i++) {
      double d = y[rows[i]] - mean;
      ss += (d * d) * 1.0;
    }
    return new NodeEstimate(mean, ss, null, w);
  }

  @Override
  public Found split(double[] x, int[] rows, int k, int ncat, int edge, double myrisk) {
    double r = 0;
    double rw = 0;
    for (int i = 0; i < k; i++) {
      r += y[rows[i]] * 1.0;
      rw += 1.0;
    }
    double grand = r / rw;
    return ncat == 0 ? continuous(x, rows, k, edge, myrisk, grand, rw) : categorical(x, rows, k, ncat, edge, myrisk,
        grand, rw);
  }

  private Found continuous(double[] x, int[] rows, int k, int edge, double myrisk, double grand, double rw) {
    double lsum = 0;
    double lw = 0;
    double rsum = 0;
    int ln = 0;
    int rn = k;
    double best = 0;
    int where = 0;
    int dir = LEFT;
    for (int i = 0; rn > edge; i++) {
      lw += 1.0;
      rw -= 1.0;
      ln++;
      rn--;
      double t = (y[rows[i]] - grand) * 1.0;
      lsum += t;
      rsum -= t;
      if (x[i + 1] != x[i] && ln >= edge) {
        double v = lsum * lsum / lw + rsum * rsum / rw;
        if (v > best) {
          best = v;
          where = i;
          dir = lsum < rsum ? LEFT : RIGHT;
        }
      }
    }
    if (!(best > 0)) {
      return null;
    }
    return new Found(best / myrisk, (x[where] + x[where + 1]) / 2, dir, null);
  }

  private Found categorical(double[] x, int[] rows, int k, int ncat, int edge, double myrisk, double grand,
      double rw) {
    int[] count = new int[ncat];
    double[] wts = new double[ncat];
    double[] sums = new double[ncat];
    for (int i = 0; i < k; i++) {
      int j = (int) x[i] - 1;
      count[j]++;
      wts[j] += 1.0;
      sums[j] += (y[rows[i]] - grand) * 1.0;
    }
    int[] tsplit = new int[ncat];
    double[] mean = new double[ncat];
    for (int j = 0; j < ncat; j++) {
      if (count[j] > 0) {
        tsplit[j] = RIGHT;
        mean[j] = sums[j] / wts[j];
      }
    }
    int[] order = GrayCode.byValue(count, mean);
    double lsum = 0;
    double rsum = 0;
    double lw = 0;
    int ln = 0;
    int rn = k;
    double best = 0;
    int[] table = null;
    for (int j : order) {
      tsplit[j] = LEFT;
      ln += count[j];
      rn -= count[j];
      lw += wts[j];
      rw -= wts[j];
      lsum += sums[j];
      rsum -= sums[j];
      if (ln >= edge && rn >= edge) {
        double v = lsum * lsum / lw + rsum * rsum / rw;
        if (v > best) {
          best = v;
          boolean flip = lsum / lw > rsum / rw;
          table = new int[ncat];
          for (int i = 0; i < ncat; i++) {
            table[i] = flip ? -tsplit[i] : tsplit[i];
          }
        }
      }
    }
    return table == null ? null : new Found(best / myrisk, 0, 0, table);
  }
}
