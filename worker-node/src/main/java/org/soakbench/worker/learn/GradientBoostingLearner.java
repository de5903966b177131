package org.soakbench.worker.learn;

import java.util.Set;
import smile.base.cart.Loss;
import smile.classification.GradientTreeBoost;
import smile.math.MathEx;
import org.soakbench.protocol.TaskKind;

/** Gradient tree boosting (Smile); subsampling draws from Smile's per-thread generator, seeded per split. */
public final class GradientBoostingLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "gradient-boosting";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("trees", "max-depth", "max-nodes", "node-size", "shrinkage", "subsample");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    int trees = p.integer("trees", 100, 1, 100_000);
    int maxDepth = p.integer("max-depth", 20, 1, 1000);
    int maxNodes = p.integer("max-nodes", 6, 2, Integer.MAX_VALUE);
    int nodeSize = p.integer("node-size", 5, 1, Integer.MAX_VALUE);
    double shrinkage = p.number("shrinkage", 0.05, 1e-6, 1.0);
    double subsample = p.number("subsample", 0.7, 0.01, 1.0);
    if (kind == TaskKind.REGRESSION) {
      return (data, rows, split) -> {
        MathEx.setSeed(split.seed());
        var model = smile.regression.GradientTreeBoost.fit(SmileFrames.FORMULA, SmileFrames.regressionTrain(data, rows),
            Loss.ls(), trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample);
        return SmileModels.regression(model, SmileFrames::features);
      };
    }
    return (data, rows, split) -> {
      MathEx.setSeed(split.seed());
      ClassCodes codes = ClassCodes.of(data, rows);
      var model = GradientTreeBoost.fit(SmileFrames.FORMULA, SmileFrames.classificationTrain(data, rows, codes), trees, maxDepth,
          maxNodes, nodeSize, shrinkage, subsample);
      return SmileModels.classifier(model, codes, SmileFrames::features);
    };
  }
}
