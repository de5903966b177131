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
            new SleepLearner())) {
      adapters.put(a.type(), a);
    }
  }

  public Set<String> types() {
    return adapters.keySet();
  }

  @Override
  public void validate(LearnerSpec spec, TaskKind kind) {
    trainer(spec, kind);
  }

  /** A trainer for the spec; throws BadInputException for an unknown type or parameter. */
  public Trainer trainer(LearnerSpec spec, TaskKind kind) {
    LearnerAdapter adapter = adapters.get(spec.type());
    if (adapter == null) {
      throw new BadInputException("unknown learner type '" + spec.type() + "' (expected one of "
          + String.join(", ", adapters.keySet()) + ")");
    }
    for (String key : spec.params().keySet()) {
      if (!adapter.parameters().contains(key)) {
        throw new BadInputException("unknown parameter '" + key + "' for learner type " + spec.type()
            + " (expected " + (adapter.parameters().isEmpty() ? "none" : String.join(", ", new TreeSet<>(adapter.parameters()))) + ")");
      }
    }
    return adapter.configure(new LearnerParams(spec.params()), kind);
  }
}
