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
    p.observe(0, RF, 10, 500);
    assertEquals(Duration.ofSeconds(90), p.leaseTimeout(0, RF, 10));
    assertEquals(3, p.maxAttempts());
  }

  @Test
  void adaptiveTimeoutFollowsTheLongestRunOfTheSameTaskAndLearner() {
    RetryPolicy p = new RetryPolicy(ExecutionSpec.defaults(), 2, LEARNERS);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(0, TREE, 100));
    p.observe(0, TREE, 100, 0.2);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.MIN_TIMEOUT_SECONDS), p.leaseTimeout(0, TREE, 100));
    p.observe(0, TREE, 100, 12);
    p.observe(0, TREE, 100, 7);
    assertEquals(Duration.ofSeconds(120), p.leaseTimeout(0, TREE, 100));
    // a smaller split is allowed as long as the longest seen
    assertEquals(Duration.ofSeconds(120), p.leaseTimeout(0, TREE, 10));
    // other tasks and learners keep their own history
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(1, TREE, 100));
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(0, KNN, 100));
  }

  /**
   * SOAK with sizes: the first split of a pair to finish is often the smallest down-sampled one. A
   * full-size split then gets a lease scaled to its own train size (quadratically), not ten times
   * the small one's seconds (which a one-worker run once gave up on).
   */
  @Test
  void aLargerSplitThanAnySeenGetsALeaseScaledToItsTrainSize() {
    RetryPolicy p = new RetryPolicy(ExecutionSpec.defaults(), 1, LEARNERS);
    p.observe(0, RF, 10, 2.5);
    // 10 x max(2.5 s, 2.5 s / 10^2 x 40^2 = 40 s)
    assertEquals(Duration.ofSeconds(400), p.leaseTimeout(0, RF, 40));
    assertEquals(Duration.ofSeconds(30), p.leaseTimeout(0, RF, 5), "never below the minimum");
    // a run of the full size itself: the longest seen, and its own ratio, now bound the lease
    p.observe(0, RF, 40, 20);
    assertEquals(Duration.ofSeconds(400), p.leaseTimeout(0, RF, 40));
    p.observe(0, RF, 40, 60);
    assertEquals(Duration.ofSeconds(600), p.leaseTimeout(0, RF, 40));
    // an absurd extrapolation stops at a day
    assertEquals(Duration.ofSeconds((long) RetryPolicy.MAX_TIMEOUT_SECONDS), p.leaseTimeout(0, RF, 1_000_000));
  }
}
