package org.soakbench.worker.learn.rpart;

/**
 * rpart's own quicksort ({@code mysort.c}, SPEC §3.2): not stable, and the order it leaves tied
 * values in decides the order of every later sum, so it is followed step by step.
 */
final class MySort {
  private MySort() {}

  /** Sorts {@code x[start..stop]} (inclusive) ascending, carrying {@code idx} along. */
  static void sort(int start, int stop, double[] x, int[] idx) {
    while (start < stop) {
      if (stop - start < 11) {
        for (int i = start + 1; i <= stop; i++) {
          double tx = x[i];
          int ti = idx[i];
          int j = i - 1;
          while (j >= start && x[j] > tx) {
            x[j + 1] = x[j];
            idx[j + 1] = idx[j];
            j--;
          }
          x[j + 1] = tx;
          idx[j + 1] = ti;
        }
        return;
      }
      int i = start;
      int j = stop;
      int k = (start + stop) / 2;
      double pivot = x[k];
      if (x[i] >= x[k]) {
        if (x[j] > x[k]) {
          pivot = x[i] > x[j] ? x[j] : x[i];
        }
      } else if (x[j] < x[k]) {
        pivot = x[i] > x[j] ? x[i] : x[j];
      }
      while (i < j) {
        while (x[i] < pivot) {
          i++;
        }
        while (x[j] > pivot) {
          j--;
        }
        if (i < j) {
          if (x[i] > x[j]) {
            double tx = x[i];
            x[i] = x[j];
            x[j] = tx;
            int ti = idx[i];
            idx[i] = idx[j];
            idx[j] = ti;
          }
          i++;
          j--;
        }
      }
      while (x[i] >= pivot && i > start) {
        i--;
      }
      while (x[j] <= pivot && j < stop) {
        j++;
      }
      if (i - start < stop - j) {
        if (i - start > 0) {
          sort(start, i, x, idx);
        }
        start = j;
      } else {
        if (stop - j > 0) {
          sort(j, stop, x, idx);
        }
        stop = i;
      }
    }
  }
}
