package org.soakbench.coordinator.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * How well the cost model predicted, per learner: each split's expected seconds when its result
 * came (before the model learned from it) against the seconds it took. Reported in run.json and
 * report.html, so a user can see whether the longest-first order and the leases stood on firm ground.
 */
public final class CostAccount {
  /** Below this, a split's time is noise to a scheduler: errors are measured from here up. */
  static final double FLOOR_SECONDS = 1e-3;

  private final long[] runs;
  private final long[] predicted;
  private final double[] expected;
  private final double[] actual;
  private final double[] logError;

  public CostAccount(int learners) {
    runs = new long[learners];
    predicted = new long[learners];
    expected = new double[learners];
    actual = new double[learners];
    logError = new double[learners];
  }

  /** A split of {@code learner} took {@code seconds}; the model expected {@code expectedSeconds} (NaN: no prediction). */
  public void add(int learner, double expectedSeconds, double seconds) {
    runs[learner]++;
    if (Double.isNaN(expectedSeconds)) {
      return;
    }
    predicted[learner]++;
    expected[learner] += expectedSeconds;
    actual[learner] += seconds;
    logError[learner] += Math.abs(Math.log(Math.max(FLOOR_SECONDS, seconds) / Math.max(FLOOR_SECONDS, expectedSeconds)));
  }

  /**
   * One learner's account: its fitted exponent, how many splits were predicted, their expected and
   * actual seconds summed, and the typical error factor (the geometric mean of max(ratio, 1/ratio)).
   */
  public record Line(String learner, long runs, double slope, long predicted, double expectedSeconds,
      double actualSeconds, double typicalErrorFactor) {}

  /** The accounts in learner order. */
  public List<Line> lines(List<String> learnerIds, CostModel model) {
    List<Line> out = new ArrayList<>();
    for (int l = 0; l < runs.length; l++) {
      out.add(new Line(learnerIds.get(l), runs[l], model.slope(l), predicted[l], expected[l], actual[l],
          predicted[l] == 0 ? Double.NaN : Math.exp(logError[l] / predicted[l])));
    }
    return out;
  }
}
