package org.soakbench.worker.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;
import org.soakbench.worker.TestTasks;
import org.soakbench.worker.measure.MeasureCalculator;

/** Every learner adapter learns the signal of a synthetic task better than the featureless baseline. */
class LearnerAdaptersTest {
  private final LearnerRegistry registry = new LearnerRegistry();
  private static final int[] TRAIN = TestTasks.range(0, 300);
  private static final int[] TEST = TestTasks.range(300, 400);

  private double score(String type, Map<String, String> params, TaskData data, String measure) throws Exception {
    Trainer t = registry.trainer(new LearnerSpec(type, type, params), data.kind());
    Prediction p = t.fit(data, TRAIN, new SplitContext(7L, 1)).predict(data, TEST);
    assertEquals(TEST.length, p.response().length);
    return MeasureCalculator.compute(List.of(measure), data, TEST, p).get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tree", "rpart", "regr.rpart", "random-forest", "gradient-boosting", "linear", "ridge", "lasso",
      "elastic-net", "knn"})
  void regressionLearnersBeatFeatureless(String type) throws Exception {
    TaskData data = TestTasks.regression(400, 1);
    Map<String, String> params = switch (type) {
      case "lasso" -> Map.of("lambda", "0.1");
      case "elastic-net" -> Map.of("lambda1", "0.1", "lambda2", "0.1");
      case "random-forest" -> Map.of("trees", "50");
      default -> Map.of();
    };
    double baseline = score("featureless", Map.of(), data, "rmse");
    double rmse = score(type, params, data, "rmse");
    assertTrue(rmse < 0.6 * baseline, type + " rmse " + rmse + " vs featureless " + baseline);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tree", "rpart", "classif.rpart", "random-forest", "gradient-boosting", "linear", "ridge", "knn"})
  void classificationLearnersBeatFeatureless(String type) throws Exception {
    for (int classes : new int[] {2, 3}) {
      TaskData data = TestTasks.classification(400, classes, 2);
      double baseline = score("featureless", Map.of(), data, "ce");
      double ce = score(type, type.equals("random-forest") ? Map.of("trees", "50") : Map.of(), data, "ce");
      assertTrue(ce < 0.5 * baseline, type + " with " + classes + " classes: ce " + ce + " vs featureless " + baseline);
      double logloss = score(type, Map.of(), data, "logloss");
      assertTrue(Double.isFinite(logloss) && logloss >= 0, type + " logloss " + logloss);
    }
  }

  @Test
  void randomLearnersAreReproducibleFromTheSplitSeed() throws Exception {
    TaskData data = TestTasks.regression(400, 3);
    for (String type : List.of("random-forest", "gradient-boosting")) {
      Trainer t = registry.trainer(new LearnerSpec(type, type, Map.of("trees", "20")), TaskKind.REGRESSION);
      double[] a = t.fit(data, TRAIN, new SplitContext(11L, 1)).predict(data, TEST).response();
      double[] b = t.fit(data, TRAIN, new SplitContext(11L, 1)).predict(data, TEST).response();
      double[] c = t.fit(data, TRAIN, new SplitContext(12L, 1)).predict(data, TEST).response();
      assertArrayEquals(a, b, type);
      assertTrue(!java.util.Arrays.equals(a, c), type + " ignores its seed");
    }
  }

  @Test
  void featurelessPredictsTrainMeanAndMode() throws Exception {
    TaskData reg = TestTasks.regression(10, 4);
    Prediction p = registry.trainer(new LearnerSpec("f", "featureless", Map.of()), TaskKind.REGRESSION)
        .fit(reg, new int[] {0, 1, 2}, new SplitContext(1, 1)).predict(reg, new int[] {5});
    assertEquals((reg.target()[0] + reg.target()[1] + reg.target()[2]) / 3, p.response()[0], 1e-15);
    TaskData cls = TestTasks.classification(50, 3, 5);
    Prediction q = registry.trainer(new LearnerSpec("f", "featureless", Map.of()), TaskKind.CLASSIFICATION)
        .fit(cls, TestTasks.range(0, 50), new SplitContext(1, 1)).predict(cls, new int[] {0});
    double[] counts = new double[3];
    for (double y : cls.target()) {
      counts[(int) y]++;
    }
    assertEquals(counts[(int) q.response()[0]], java.util.Arrays.stream(counts).max().orElseThrow());
    assertEquals(counts[1] / 50, q.probabilities()[0][1], 1e-15);
  }

  @Test
  void mlr3IdsNameTheirTaskKindAndRpartPutsThePositiveClassFirst() throws Exception {
    var wrong = assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("r", "regr.rpart", Map.of()), TaskKind.CLASSIFICATION));
    assertTrue(wrong.getMessage().contains("type regr.rpart needs a regression task"), wrong.getMessage());
    assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("f", "classif.featureless", Map.of()), TaskKind.REGRESSION));
    var cp = assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("r", "rpart", Map.of("cp", "2")), TaskKind.REGRESSION));
    assertTrue(cp.getMessage().contains("parameter cp = 2"), cp.getMessage());
    // golden case G13a (x = 1..40, y = p x25 then n x15, levels p, n): R's tree through TaskData, whose
    // levels are sorted (n, p) with p the positive class, which mlr3 (and so rpart) puts first
    double[] x = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = i + 1;
      y[i] = i < 25 ? 1 : 0;
    }
    TaskData data = new TaskData("g13", TaskKind.CLASSIFICATION,
        List.of(new org.soakbench.protocol.FeatureColumn("x", x, null)), y, List.of("n", "p"), 1);
    int[] all = java.util.stream.IntStream.range(0, 40).toArray();
    Prediction p = registry.trainer(new LearnerSpec("classif.rpart", "classif.rpart", Map.of()), data.kind())
        .fit(data, all, new SplitContext(1, 1)).predict(data, all);
    org.soakbench.worker.learn.rpart.RpartTree direct = org.soakbench.worker.learn.rpart.Rpart.classification(
        new double[][] {x}, new int[] {0},
        java.util.Arrays.stream(y).mapToInt(v -> v == 1 ? 1 : 2).toArray(),
        org.soakbench.worker.learn.rpart.RpartControl.defaults());
    for (int i = 0; i < 40; i++) {
      var node = direct.predict(new double[] {x[i]});
      assertEquals(node.yval() == 1 ? 1.0 : 0.0, p.response()[i], "row " + i);
      double[] byCode = direct.probabilities(node);
      assertEquals(byCode[0], p.probabilities()[i][1], 0.0, "P(p) of row " + i);
      assertEquals(byCode[1], p.probabilities()[i][0], 0.0, "P(n) of row " + i);
    }
  }

  @Test
  void unknownTypesParametersAndRangesAreErrors() {
    var e1 = assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("x", "xgboost", Map.of()), TaskKind.REGRESSION));
    assertTrue(e1.getMessage().contains("unknown learner type 'xgboost'"), e1.getMessage());
    var e2 = assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("t", "tree", Map.of("maxdepth", "3")), TaskKind.REGRESSION));
    assertTrue(e2.getMessage().contains("unknown parameter 'maxdepth'"), e2.getMessage());
    var e3 = assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("t", "tree", Map.of("max-depth", "0")), TaskKind.REGRESSION));
    assertTrue(e3.getMessage().contains("max-depth"), e3.getMessage());
    var e4 = assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("k", "knn", Map.of("k", "two")), TaskKind.REGRESSION));
    assertTrue(e4.getMessage().contains("expected a number"), e4.getMessage());
    var e5 = assertThrows(BadInputException.class,
        () -> registry.validate(new LearnerSpec("l", "lasso", Map.of()), TaskKind.CLASSIFICATION));
    assertTrue(e5.getMessage().contains("regression"), e5.getMessage());
  }

  @Test
  void sleepWaitsPerIterationFromAFeatureColumn() throws Exception {
    double[] millis = {5, 400};
    TaskData data = new TaskData("d", TaskKind.REGRESSION,
        List.of(new org.soakbench.protocol.FeatureColumn("ms", millis, null)), new double[] {1, 3}, null, -1);
    Trainer t = registry.trainer(new LearnerSpec("s", "sleep", Map.of("millis-column", "ms")), TaskKind.REGRESSION);
    long t0 = System.nanoTime();
    Prediction p = t.fit(data, new int[] {0, 1}, new SplitContext(1, 1)).predict(data, new int[] {0});
    long fast = System.nanoTime() - t0;
    t0 = System.nanoTime();
    t.fit(data, new int[] {0, 1}, new SplitContext(1, 2));
    long slow = System.nanoTime() - t0;
    assertEquals(2.0, p.response()[0], 0.0); // predicts like featureless
    assertTrue(slow >= 400_000_000L && fast < slow, "iteration 2 waits the 400 ms of row 2: " + slow / 1e6 + " ms");
    var e = assertThrows(BadInputException.class, () -> registry.trainer(
        new LearnerSpec("s", "sleep", Map.of("millis-column", "nope")), TaskKind.REGRESSION).fit(data, new int[] {0}, new SplitContext(1, 1)));
    assertTrue(e.getMessage().contains("millis-column 'nope'"), e.getMessage());
  }
}
