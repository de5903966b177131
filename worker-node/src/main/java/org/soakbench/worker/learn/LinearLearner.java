package org.soakbench.worker.learn;

import java.util.Set;
import smile.classification.LogisticRegression;
import smile.regression.OLS;
import org.soakbench.protocol.TaskKind;

/** Ordinary least squares for regression, (optionally L2-penalised) logistic regression for classification. */
public final class LinearLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "linear";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("lambda", "tol", "max-iter");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    if (kind == TaskKind.REGRESSION) {
      if (p.has("lambda") || p.has("tol") || p.has("max-iter")) {
        throw new org.soakbench.protocol.BadInputException(
            "parameters lambda, tol, max-iter apply to classification only (use ridge for penalised regression)");
      }
      return (data, rows, split) -> {
        var model = OLS.fit(SmileFrames.FORMULA, SmileFrames.numericRegressionTrain(data, rows));
        return SmileModels.regression(model, SmileFrames::numericFeatures);
      };
    }
    double lambda = p.number("lambda", 0.0, 0.0, Double.MAX_VALUE);
    return logistic(lambda, p);
  }

  /** Logistic regression on the one-hot design matrix; shared with {@link RidgeLearner}. */
  static Trainer logistic(double lambda, LearnerParams p) {
    double tol = p.number("tol", 1e-5, 1e-12, 1.0);
    int maxIter = p.integer("max-iter", 500, 1, 1_000_000);
    return (data, rows, split) -> {
      ClassCodes codes = ClassCodes.of(data, rows);
      var model = LogisticRegression.fit(SmileFrames.matrix(data, rows, true), codes.compactLabels(data, rows),
          lambda, tol, maxIter);
      return SmileModels.matrixClassifier(model, codes, (d, r) -> SmileFrames.matrix(d, r, true));
    };
  }
}
