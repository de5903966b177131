package org.soakbench.protocol;

import java.util.Map;

/**
 * How splits are run: how many attempts a split gets before it becomes an error row, and fixed
 * lease timeouts per learner id (learners without one get an adaptive timeout).
 */
public record ExecutionSpec(int maxAttempts, Map<String, Double> timeoutSeconds) implements CborSerializable {

  public static ExecutionSpec defaults() {
    return new ExecutionSpec(3, Map.of());
  }
}
