package org.soakbench.worker.learn.rpart;

/** The orders in which rpart moves the levels of a categorical variable to the left ({@code graycode.c}). */
final class GrayCode {
  private GrayCode() {}

  /**
   * The present levels (count above 0) by ascending value, ties in level order (a stable insertion
   * sort with a strict comparison); every level but the last of them, which never moves.
   */
  static int[] byValue(int[] count, double[] value) {
    int[] order = new int[count.length];
    int n = 0;
    for (int j = 0; j < count.length; j++) {
      if (count[j] > 0) {
        int i = n - 1;
        while (i >= 0 && value[order[i]] > value[j]) {
          order[i + 1] = order[i];
          i--;
        }
        order[i + 1] = j;
        n++;
      }
    }
    return java.util.Arrays.copyOf(order, Math.max(0, n - 1));
  }

  /** rpart's binary-reflected Gray code over levels 0..K-2 (the last level never moves). */
  static final class Enumeration {
    private final int[] state;

    /** States: 0 absent, 1 right, 2 left; every present level starts right. */
    Enumeration(int[] count) {
      state = new int[Math.max(0, count.length - 1)];
      for (int i = 0; i < state.length; i++) {
        state[i] = count[i] > 0 ? 1 : 0;
      }
    }

    /** The next level to toggle, or -1 when every partition has been visited. */
    int next() {
      for (int i = 0; i < state.length; i++) {
        if (state[i] == 1) {
          state[i] = 2;
          return i;
        }
        if (state[i] == 2) {
          state[i] = 1;
        }
      }
      return -1;
    }
  }
}
