package org.soakbench.worker;

import java.util.List;
import java.util.Random;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.SplitSpec;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;

/** Small synthetic tasks with a learnable signal, for learner and worker tests. */
public final class TestTasks {
  private TestTasks() {}

  /** y = 3 x1 - 2 x2 + (c == "b" ? 4 : 0) + noise; a numeric and a categorical feature. */
  public static TaskData regression(int n, long seed) {
    Random r = new Random(seed);
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    double[] c = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = r.nextDouble() * 4 - 2;
      x2[i] = r.nextDouble() * 4 - 2;
      c[i] = r.nextInt(3);
      y[i] = 3 * x1[i] - 2 * x2[i] + (c[i] == 1 ? 4 : 0) + r.nextGaussian() * 0.3;
    }
    return new TaskData("reg", TaskKind.REGRESSION, List.of(new FeatureColumn("x1", x1, null),
        new FeatureColumn("x2", x2, null), new FeatureColumn("c", c, List.of("a", "b", "c"))), y, null, -1);
  }

  /** Classes by the sign of x1 + x2 (binary) or by which third of x1 (three classes). */
  public static TaskData classification(int n, int classes, long seed) {
    Random r = new Random(seed);
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = r.nextDouble() * 3;
      x2[i] = r.nextDouble() * 3 - 1.5;
      y[i] = classes == 2 ? (x1[i] - 1.5 + x2[i] + r.nextGaussian() * 0.2 > 0 ? 1 : 0) : Math.min(2, (int) x1[i]);
    }
    List<String> levels = classes == 2 ? List.of("neg", "pos") : List.of("low", "mid", "high");
    return new TaskData("cls", TaskKind.CLASSIFICATION, List.of(new FeatureColumn("x1", x1, null),
        new FeatureColumn("x2", x2, null)), y, levels, classes == 2 ? 1 : 0);
  }

  /** Rows 0..n-1 split into the first 3/4 (train) and the rest (test), as a one-iteration instance. */
  public static TaskBundle bundle(TaskData data) {
    int n = data.rows();
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) {
      fold[i] = i < n * 3 / 4 ? 1 : 2;
    }
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = i;
    }
    ResamplingInstance instance = new ResamplingInstance(List.of("full"), new int[n], group, fold,
        List.of(new SplitSpec(1, "full", "same", n * 3 / 4, 2, 1, n * 3 / 4, null)));
    return new TaskBundle("hash-" + data.taskId(), data, instance);
  }

  public static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }
}
