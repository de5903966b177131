package org.soakbench.worker.learn;

import java.util.Set;
import smile.regression.LASSO;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.TaskKind;

/** L1-penalised linear regression (Smile LASSO). Regression only: Smile has no L1 logistic model. */
public final class LassoLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "lasso";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("lambda", "tol", "max-iter");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    if (kind != TaskKind.REGRESSION) {
      throw new BadInputException("lasso supports regression tasks only");
    }
    double lambda = p.number("lambda", 1.0, 0.0, Double.MAX_VALUE);
    double tol = p.number("tol", 1e-4, 1e-12, 1.0);
    int maxIter = p.integer("max-iter", 1000, 1, 1_000_000);
    return (data, rows, split) -> {
      var model = LASSO.fit(SmileFrames.FORMULA, SmileFrames.numericRegressionTrain(data, rows), lambda, tol, maxIter);
      return SmileModels.regression(model, SmileFrames::numericFeatures);
    };
  }
}
