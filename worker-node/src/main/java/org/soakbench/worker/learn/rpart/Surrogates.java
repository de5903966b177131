package org.soakbench.worker.learn.rpart;

import java.util.ArrayList;
import java.util.List;

/**
 * rpart's surrogate splits ({@code surrogate.c}, {@code choose_surg.c}, SPEC §7): for every other
 * variable, the split that best agrees with where the primary sends the node's rows. On complete
 * data they never move a training row; prediction uses them for a level a node never saw.
 */
final class Surrogates {
  private static final int LEFT = -1;
  private static final int RIGHT = 1;

  private Surrogates() {}

  /** @param x per variable, its values in the order of {@code sorted} */
  static List<Split> find(double[][] x, int[] ncat, int[][] sorted, int[] which, int primaryVar, int lo, int hi,
      RpartControl control) {
    double lcount = 0;
    double rcount = 0;
    for (int i = lo; i < hi; i++) {
      if (which[sorted[0][i]] == LEFT) {
        lcount += 1.0;
      } else {
        rcount += 1.0;
      }
    }
    List<Split> list = new ArrayList<>();
    for (int v = 0; v < x.length; v++) {
      if (v == primaryVar) {
        continue;
      }
      Split s = ncat[v] == 0 ? continuous(v, x[v], sorted[v], which, lo, hi, lcount, rcount)
          : categorical(v, x[v], ncat[v], sorted[v], which, lo, hi, lcount, rcount);
      if (s != null && s.adj() > 1e-10) {
        RankedList.insert(list, s, control.maxsurrogate());
      }
    }
    return list;
  }

  private static Split scored(int v, double agree, double lcount, double rcount, double point, int dir, int[] table) {
    double total = lcount + rcount;
    double majority = Math.max(lcount, rcount);
    double agreement = agree / total;
    double adj = (agreement - majority / total) / (1 - majority / total);
    return new Split(v, agreement, 0, point, dir, table, adj);
  }

  private static Split continuous(int v, double[] col, int[] order, int[] which, int lo, int hi, double lcount,
      double rcount) {
    int ll = 0;
    int rl = 0;
    double llwt = 0;
    double rlwt = 0;
    for (int i = lo; i < hi; i++) {
      if (which[order[i]] == LEFT) {
        ll++;
        llwt += 1.0;
      } else {
        rl++;
        rlwt += 1.0;
      }
    }
    int lr = 0;
    int rr = 0;
    double lrwt = 0;
    double rrwt = 0;
    double agree = llwt > rlwt ? llwt : rlwt;
    boolean found = false;
    double point = 0;
    int dir = LEFT;
    double lastx = col[lo];
    for (int i = lo; ll + rl >= 2; i++) {
      int row = order[i];
      double xv = col[i];
      if (lr + rr >= 2 && xv != lastx) {
        if (llwt + rrwt > agree) {
          agree = llwt + rrwt;
          dir = RIGHT;
          point = (xv + lastx) / 2;
          found = true;
        } else if (lrwt + rlwt > agree) {
          agree = lrwt + rlwt;
          dir = LEFT;
          point = (xv + lastx) / 2;
          found = true;
        }
      }
      if (which[row] == LEFT) {
        ll--;
        lr++;
        llwt -= 1.0;
        lrwt += 1.0;
      } else {
        rl--;
        rr++;
        rlwt -= 1.0;
        rrwt += 1.0;
      }
      lastx = xv;
    }
    return found ? scored(v, agree, lcount, rcount, point, dir, null) : null;
  }

  private static Split categorical(int v, double[] col, int ncat, int[] order, int[] which, int lo, int hi,
      double lcount, double rcount) {
    int[] left = new int[ncat];
    int[] right = new int[ncat];
    double[] lwt = new double[ncat];
    double[] rwt = new double[ncat];
    double lsum = 0;
    double rsum = 0;
    for (int i = lo; i < hi; i++) {
      int row = order[i];
      int lev = (int) col[i] - 1;
      if (which[row] == LEFT) {
        left[lev]++;
        lwt[lev] += 1.0;
        lsum += 1.0;
      } else {
        right[lev]++;
        rwt[lev] += 1.0;
        rsum += 1.0;
      }
    }
    int defdir = lsum > rsum ? LEFT : RIGHT;
    int[] table = new int[ncat];
    double agree = 0;
    int disagreeing = 0;
    int agreeing = 0;
    for (int lev = 0; lev < ncat; lev++) {
      if (left[lev] + right[lev] == 0) {
        table[lev] = 0;
      } else if (lwt[lev] < rwt[lev] || lwt[lev] == rwt[lev] && defdir == RIGHT) {
        table[lev] = RIGHT;
        agree += rwt[lev];
        agreeing += right[lev];
        disagreeing += left[lev];
      } else {
        table[lev] = LEFT;
        agree += lwt[lev];
        agreeing += left[lev];
        disagreeing += right[lev];
      }
    }
    // rpart's rule, quirk included: a level table needs two rows it disagrees with (SPEC §7, G16)
    if (!(disagreeing > 1 && agreeing > 1)) {
      return null;
    }
    return scored(v, agree, lcount, rcount, 0, 0, table);
  }
}
