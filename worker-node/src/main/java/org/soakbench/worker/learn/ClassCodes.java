package org.soakbench.worker.learn;

import java.util.Arrays;
import java.util.TreeSet;
import org.soakbench.protocol.TaskData;

/**
 * The classes present in a train set, numbered 0..k-1. Smile assumes labels 0..k-1 in places
 * (binary metrics of out-of-bag forests), but a SOAK train set can lack some of the task's classes.
 */
record ClassCodes(int[] present) {

  static ClassCodes of(TaskData data, int[] rows) {
    TreeSet<Integer> seen = new TreeSet<>();
    for (int row : rows) {
      seen.add((int) data.target()[row]);
    }
    return new ClassCodes(seen.stream().mapToInt(Integer::intValue).toArray());
  }

  int compact(int taskCode) {
    return Arrays.binarySearch(present, taskCode);
  }

  int original(int compactCode) {
    return present[compactCode];
  }

  int[] compactLabels(TaskData data, int[] rows) {
    int[] y = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = compact((int) data.target()[rows[i]]);
    }
    return y;
  }
}
