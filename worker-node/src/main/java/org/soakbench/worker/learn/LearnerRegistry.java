package org.soakbench.worker.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.LearnerCatalog;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.TaskKind;

/** Every learner type soakbench offers, by name. */
public final class LearnerRegistry implements LearnerCatalog {
  private final Map<String, LearnerAdapter> adapters = new LinkedHashMap<>();

  public LearnerRegistry() {
    for (LearnerAdapter a :
        List.of(new FeaturelessLearner(), new TreeLearner(), new RandomForestLearner(), new GradientBoostingLearner(),
            new LinearLearner(), new RidgeLearner(), new LassoLearner(), new ElasticNetLearner(), new KnnLearner(),
            new SleepLearner(), new RpartLearner(), ExternalLearner.python(), ExternalLearner.r())) {
      adapters.put(a.type(), a);
    }
  }

  public Set<String> types() {
    return adapters.keySet();
  }

  @Override
  public void validate(LearnerSpec spec, TaskKind kind) {
    trainer(spec, kind);
    LearnerAdapter adapter = adapters.get(spec.type());
    if (adapter != null) {
      adapter.dryRun(new LearnerParams(spec.params()), spec.id());
    }
  }

  /** mlr3 learner ids accepted as types: the learner they name, for the task kind their prefix names. */
  private static final Map<String, String> MLR3_IDS = Map.of("regr.featureless", "featureless",
      "classif.featureless", "featureless", "regr.rpart", "rpart", "classif.rpart", "rpart");

  /** A trainer for the spec; throws BadInputException for an unknown type or parameter. */
  public Trainer trainer(LearnerSpec spec, TaskKind kind) {
    String type = spec.type();
    if (MLR3_IDS.containsKey(type)) {
      TaskKind wanted = type.startsWith("regr.") ? TaskKind.REGRESSION : TaskKind.CLASSIFICATION;
      if (kind != wanted) {
        throw new BadInputException("learner '" + spec.id() + "': type " + type + " needs a "
            + wanted.name().toLowerCase(java.util.Locale.ROOT) + " task, not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
            + " one");
      }
      type = MLR3_IDS.get(type);
    }
    LearnerAdapter adapter = adapters.get(type);
    if (adapter == null) {
      throw new BadInputException("unknown learner type '" + spec.type() + "' (expected one of "
          + String.join(", ", adapters.keySet()) + ", or the mlr3 ids " + String.join(", ", new TreeSet<>(MLR3_IDS.keySet()))
          + ")");
    }
    for (String key : spec.params().keySet()) {
      if (!adapter.parameters().contains(key) && !adapter.acceptsAnyParameter()) {
        throw new BadInputException("unknown parameter '" + key + "' for learner type " + spec.type()
            + " (expected " + (adapter.parameters().isEmpty() ? "none" : String.join(", ", new TreeSet<>(adapter.parameters()))) + ")");
      }
    }
    return adapter.configure(new LearnerParams(spec.params()), kind);
  }
}
