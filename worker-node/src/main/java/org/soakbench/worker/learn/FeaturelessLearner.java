package org.soakbench.worker.learn;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.Set;
import org.soakbench.protocol.PreciseMath;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;

/**
 * mlr3's featureless baseline: the train mean for regression; the most frequent train class for
 * classification (ties broken by a seeded draw), with the train class proportions as probabilities.
 */
public final class FeaturelessLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "featureless";
  }

  @Override
  public Set<String> parameters() {
    return Set.of();
  }

  @Override
  public Trainer configure(LearnerParams params, TaskKind kind) {
    return kind == TaskKind.REGRESSION ? FeaturelessLearner::fitMean : FeaturelessLearner::fitMode;
  }

  private static Model fitMean(TaskData data, int[] rows, SplitContext split) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("empty train set");
    }
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = data.target()[rows[i]];
    }
    double mean = PreciseMath.mean(y);
    return (d, test) -> {
      double[] r = new double[test.length];
      Arrays.fill(r, mean);
      return new Prediction(r, null);
    };
  }

  private static Model fitMode(TaskData data, int[] rows, SplitContext split) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("empty train set");
    }
    double[] counts = new double[data.classes()];
    for (int row : rows) {
      counts[(int) data.target()[row]]++;
    }
    double max = Arrays.stream(counts).max().orElseThrow();
    int[] tied = java.util.stream.IntStream.range(0, counts.length).filter(c -> counts[c] == max).toArray();
    int mode = tied[new SplittableRandom(split.seed()).nextInt(tied.length)];
    double[] prob = Arrays.stream(counts).map(c -> c / rows.length).toArray();
    return (d, test) -> {
      double[] r = new double[test.length];
      double[][] p = new double[test.length][];
      Arrays.fill(r, mode);
      Arrays.fill(p, prob);
      return new Prediction(r, p);
    };
  }
}
