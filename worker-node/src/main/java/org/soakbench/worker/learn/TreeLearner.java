package org.soakbench.worker.learn;

import java.util.Set;
import smile.base.cart.SplitRule;
import smile.classification.DecisionTree;
import smile.regression.RegressionTree;
import org.soakbench.protocol.TaskKind;

/** CART (Smile {@code RegressionTree} / {@code DecisionTree}); categorical features split as nominal. */
public final class TreeLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "tree";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("max-depth", "max-nodes", "node-size", "split-rule");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    int maxDepth = p.integer("max-depth", 30, 1, 1000);
    int maxNodes = p.integer("max-nodes", 0, 0, Integer.MAX_VALUE);
    int nodeSize = p.integer("node-size", 7, 1, Integer.MAX_VALUE);
    SplitRule rule = SplitRule.valueOf(p.word("split-rule", "GINI", java.util.List.of("GINI", "ENTROPY", "CLASSIFICATION_ERROR")));
    if (kind == TaskKind.REGRESSION) {
      return (data, rows, split) -> {
        var model = RegressionTree.fit(SmileFrames.FORMULA, SmileFrames.regressionTrain(data, rows), maxDepth,
            nodes(maxNodes, rows.length, nodeSize), nodeSize);
        return SmileModels.regression(model, SmileFrames::features);
      };
    }
    return (data, rows, split) -> {
      ClassCodes codes = ClassCodes.of(data, rows);
      var model = DecisionTree.fit(SmileFrames.FORMULA, SmileFrames.classificationTrain(data, rows, codes), rule, maxDepth,
          nodes(maxNodes, rows.length, nodeSize), nodeSize);
      return SmileModels.classifier(model, codes, SmileFrames::features);
    };
  }

  /** 0 means "as many leaves as the node size allows", Smile's own default. */
  static int nodes(int maxNodes, int rows, int nodeSize) {
    return maxNodes > 0 ? maxNodes : Math.max(2, rows / nodeSize);
  }
}
