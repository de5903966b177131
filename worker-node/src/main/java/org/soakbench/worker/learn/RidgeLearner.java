package org.soakbench.worker.learn;

import java.util.Set;
import smile.regression.RidgeRegression;
import org.soakbench.protocol.TaskKind;

/** L2-penalised linear model: ridge regression, or L2-penalised logistic regression for classification. */
public final class RidgeLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "ridge";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("lambda", "tol", "max-iter");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    double lambda = p.number("lambda", 1.0, 0.0, Double.MAX_VALUE);
    if (kind == TaskKind.CLASSIFICATION) {
      return LinearLearner.logistic(lambda, p);
    }
    return (data, rows, split) -> {
      var model = RidgeRegression.fit(SmileFrames.FORMULA, SmileFrames.numericRegressionTrain(data, rows), lambda);
      return SmileModels.regression(model, SmileFrames::numericFeatures);
    };
  }
}
