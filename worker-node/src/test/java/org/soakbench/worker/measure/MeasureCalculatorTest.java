package org.soakbench.worker.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;
import org.soakbench.worker.learn.Prediction;

/** Measures against values worked out by hand (as mlr3measures defines them). */
class MeasureCalculatorTest {
  private static TaskData task(TaskKind kind, double[] y, List<String> levels) {
    return new TaskData("t", kind, List.of(new FeatureColumn("x", new double[y.length], null)), y, levels, levels == null ? -1 : 1);
  }

  @Test
  void regressionMeasures() {
    TaskData t = task(TaskKind.REGRESSION, new double[] {1, 2, 3, 4}, null);
    Prediction p = new Prediction(new double[] {1, 3, 3, 2}, null);
    List<Double> m = MeasureCalculator.compute(List.of("mse", "rmse", "mae", "rsq"), t, new int[] {0, 1, 2, 3}, p);
    assertEquals(5.0 / 4, m.get(0), 1e-15);
    assertEquals(Math.sqrt(5.0 / 4), m.get(1), 1e-15);
    assertEquals(3.0 / 4, m.get(2), 1e-15);
    assertEquals(1 - 5.0 / 5.0, m.get(3), 1e-15); // SSE 5, SST 5
  }

  @Test
  void classificationMeasures() {
    TaskData t = task(TaskKind.CLASSIFICATION, new double[] {1, 0, 1, 0}, List.of("neg", "pos"));
    double[][] prob = {{0.2, 0.8}, {0.6, 0.4}, {0.6, 0.4}, {0.9, 0.1}};
    Prediction p = new Prediction(new double[] {1, 0, 0, 0}, prob);
    List<Double> m = MeasureCalculator.compute(List.of("ce", "acc", "auc", "logloss"), t, new int[] {0, 1, 2, 3}, p);
    assertEquals(0.25, m.get(0), 1e-15);
    assertEquals(0.75, m.get(1), 1e-15);
    // positives score 0.8 and 0.4, negatives 0.4 and 0.1: pairs won 1 + 1 + 0.5 (tie) + 1 of 4
    assertEquals(3.5 / 4, m.get(2), 1e-15);
    assertEquals(-(Math.log(0.8) + Math.log(0.6) + Math.log(0.4) + Math.log(0.9)) / 4, m.get(3), 1e-15);
  }

  @Test
  void withoutProbabilitiesAucAndLoglossAreNaNAndTheOtherMeasuresStand() {
    TaskData t = task(TaskKind.CLASSIFICATION, new double[] {1, 0, 1, 0}, List.of("neg", "pos"));
    Prediction labels = new Prediction(new double[] {1, 0, 0, 0}, null);
    List<Double> m = MeasureCalculator.compute(List.of("ce", "auc", "logloss"), t, new int[] {0, 1, 2, 3}, labels);
    assertEquals(0.25, m.get(0), 1e-15);
    assertTrue(Double.isNaN(m.get(1)), "mlr3 scores auc of a response-only prediction as NaN");
    assertTrue(Double.isNaN(m.get(2)));
  }
}
