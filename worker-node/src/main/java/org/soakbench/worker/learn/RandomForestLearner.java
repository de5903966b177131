package org.soakbench.worker.learn;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import org.soakbench.protocol.TaskKind;

/** Random forest (Smile); every tree's seed derives from the split seed, so results are reproducible. */
public final class RandomForestLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "random-forest";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("trees", "mtry", "max-depth", "max-nodes", "node-size", "subsample");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    int trees = p.integer("trees", 100, 1, 100_000);
    int mtry = p.integer("mtry", 0, 0, Integer.MAX_VALUE);
    int maxDepth = p.integer("max-depth", 20, 1, 1000);
    int maxNodes = p.integer("max-nodes", 0, 0, Integer.MAX_VALUE);
    int nodeSize = p.integer("node-size", kind == TaskKind.REGRESSION ? 5 : 1, 1, Integer.MAX_VALUE);
    double subsample = p.number("subsample", 1.0, 0.01, 1.0);
    if (kind == TaskKind.REGRESSION) {
      return (data, rows, split) -> {
        int features = data.features().size();
        var model = smile.regression.RandomForest.fit(SmileFrames.FORMULA, SmileFrames.regressionTrain(data, rows), trees,
            mtry > 0 ? Math.min(mtry, features) : Math.max(1, features / 3), maxDepth,
            TreeLearner.nodes(maxNodes, rows.length, nodeSize), nodeSize, subsample, treeSeeds(split.seed(), trees));
        return SmileModels.regression(model, SmileFrames::features);
      };
    }
    return (data, rows, split) -> {
      int features = data.features().size();
      ClassCodes codes = ClassCodes.of(data, rows);
      var model = RandomForest.fit(SmileFrames.FORMULA, SmileFrames.classificationTrain(data, rows, codes), trees,
          mtry > 0 ? Math.min(mtry, features) : Math.max(1, (int) Math.floor(Math.sqrt(features))), SplitRule.GINI,
          maxDepth, TreeLearner.nodes(maxNodes, rows.length, nodeSize), nodeSize, subsample, null, treeSeeds(split.seed(), trees));
      return SmileModels.classifier(model, codes, SmileFrames::features);
    };
  }

  /** Smile only applies a tree's seed when it is positive; otherwise the tree draws from a shared generator. */
  private static LongStream treeSeeds(long seed, int trees) {
    SplittableRandom r = new SplittableRandom(seed);
    return LongStream.generate(() -> r.nextLong(1, Long.MAX_VALUE)).limit(trees);
  }
}
