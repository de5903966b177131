package org.soakbench.worker.learn;

import java.util.Set;
import org.soakbench.protocol.TaskKind;

/**
 * A diagnostic learner: waits {@code millis} and then predicts like featureless. For fault tests
 * (hung splits) and for replaying workloads of known durations.
 */
public final class SleepLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "sleep";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("millis");
  }

  @Override
  public Trainer configure(LearnerParams params, TaskKind kind) {
    long millis = params.integer("millis", 100, 0, Integer.MAX_VALUE);
    Trainer featureless = new FeaturelessLearner().configure(params, kind);
    return (data, rows, seed) -> {
      Thread.sleep(millis);
      return featureless.fit(data, rows, seed);
    };
  }
}
