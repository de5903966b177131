package org.soakbench.protocol;

import java.util.Map;

/**
 * How splits are run: how many attempts a split gets before it becomes an error row, fixed lease
 * timeouts per learner id (learners without one get an adaptive timeout), and optional hints of the
 * seconds a learner's largest split takes (the scheduler's cost model starts from them).
 */
public record ExecutionSpec(int maxAttempts, Map<String, Double> timeoutSeconds, Map<String, Double> expectedSeconds)
    implements CborSerializable {

  public ExecutionSpec(int maxAttempts, Map<String, Double> timeoutSeconds) {
    this(maxAttempts, timeoutSeconds, Map.of());
  }

  public static ExecutionSpec defaults() {
    return new ExecutionSpec(3, Map.of(), Map.of());
  }
}
