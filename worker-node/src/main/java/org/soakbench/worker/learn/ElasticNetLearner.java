package org.soakbench.worker.learn;

import java.util.Set;
import smile.regression.ElasticNet;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.TaskKind;

/** Linear regression with L1 ({@code lambda1}) and L2 ({@code lambda2}) penalties (Smile ElasticNet). Regression only. */
public final class ElasticNetLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "elastic-net";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("lambda1", "lambda2", "tol", "max-iter");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    if (kind != TaskKind.REGRESSION) {
      throw new BadInputException("elastic-net supports regression tasks only");
    }
    double l1 = p.number("lambda1", 0.5, 1e-12, Double.MAX_VALUE);
    double l2 = p.number("lambda2", 0.5, 1e-12, Double.MAX_VALUE);
    double tol = p.number("tol", 1e-4, 1e-12, 1.0);
    int maxIter = p.integer("max-iter", 1000, 1, 1_000_000);
    return (data, rows, split) -> {
      var model = ElasticNet.fit(SmileFrames.FORMULA, SmileFrames.numericRegressionTrain(data, rows), l1, l2, tol, maxIter);
      return SmileModels.regression(model, SmileFrames::numericFeatures);
    };
  }
}
