package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.LearnerSpec;

/** Lease timeouts (fixed or adaptive per task and learner) and the attempt limit. */
class RetryPolicyTest {
  static final List<LearnerSpec> LEARNERS = List.of(new LearnerSpec("tree", "tree", Map.of()),
      new LearnerSpec("knn", "knn", Map.of()), new LearnerSpec("rf", "rf", Map.of()));
  static final int TREE = 0;
  static final int KNN = 1;
  static final int RF = 2;

  @Test
  void configuredTimeoutWins() {
    RetryPolicy p = new RetryPolicy(new ExecutionSpec(3, Map.of("rf", 90.0)), 2, LEARNERS);
    p.observe(0, RF, 500);
    assertEquals(Duration.ofSeconds(90), p.leaseTimeout(0, RF));
    assertEquals(3, p.maxAttempts());
  }

  @Test
  void adaptiveTimeoutFollowsTheLongestRunOfTheSameTaskAndLearner() {
    RetryPolicy p = new RetryPolicy(ExecutionSpec.defaults(), 2, LEARNERS);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(0, TREE));
    p.observe(0, TREE, 0.2);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.MIN_TIMEOUT_SECONDS), p.leaseTimeout(0, TREE));
    p.observe(0, TREE, 12);
    p.observe(0, TREE, 7);
    assertEquals(Duration.ofSeconds(120), p.leaseTimeout(0, TREE));
    // other tasks and learners keep their own history
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(1, TREE));
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(0, KNN));
  }
}
