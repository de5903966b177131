package org.soakbench.protocol;

import java.util.Map;

/**
 * How splits are run: how many attempts a split gets before it becomes an error row, fixed lease
 * timeouts per learner id (learners without one get an adaptive timeout), and optional scheduling
 * hints: the seconds a learner's largest split takes, and a file of each split's seconds (an
 * earlier run's scores.csv) as absolute path or null.
 */
public record ExecutionSpec(int maxAttempts, Map<String, Double> timeoutSeconds, Map<String, Double> expectedSeconds,
    String hints) implements CborSerializable {

  public ExecutionSpec(int maxAttempts, Map<String, Double> timeoutSeconds) {
    this(maxAttempts, timeoutSeconds, Map.of(), null);
  }

  public static ExecutionSpec defaults() {
    return new ExecutionSpec(3, Map.of(), Map.of(), null);
  }
}
