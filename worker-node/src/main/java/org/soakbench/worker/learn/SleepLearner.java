package org.soakbench.worker.learn;

import java.util.Set;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.TaskKind;

/**
 * A diagnostic learner: waits, then predicts like featureless. {@code millis} waits the same for
 * every split; {@code millis-column} names a feature column whose i-th value (data-file order,
 * cycling) is the wait of iteration i, to replay a workload of known, uneven durations. For fault
 * tests (hung splits, slow workers) and scheduling benchmarks.
 */
public final class SleepLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "sleep";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("millis", "millis-column");
  }

  @Override
  public Trainer configure(LearnerParams params, TaskKind kind) {
    long millis = params.integer("millis", 100, 0, Integer.MAX_VALUE);
    String column = params.word("millis-column", null, null);
    Trainer featureless = new FeaturelessLearner().configure(params, kind);
    return (data, rows, split) -> {
      long wait = millis;
      if (column != null) {
        FeatureColumn c = data.features().stream().filter(f -> f.name().equals(column)).findFirst()
            .orElseThrow(() -> new BadInputException("millis-column '" + column + "' is not a feature of task " + data.taskId()));
        wait = (long) c.values()[(split.iteration() - 1) % c.values().length];
      }
      Thread.sleep(wait);
      return featureless.fit(data, rows, split);
    };
  }
}
