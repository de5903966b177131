package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.LearnerSpec;

/** Lease timeouts (fixed, or from each split's own expected seconds) and the attempt limit. */
class RetryPolicyTest {
  static final List<LearnerSpec> LEARNERS = List.of(new LearnerSpec("tree", "tree", Map.of()),
      new LearnerSpec("knn", "knn", Map.of()), new LearnerSpec("rf", "rf", Map.of()));
  static final int TREE = 0;
  static final int KNN = 1;
  static final int RF = 2;

  @Test
  void configuredTimeoutWins() {
    CostModel costs = CostModel.learned(3);
    RetryPolicy p = new RetryPolicy(new ExecutionSpec(3, Map.of("rf", 90.0)), LEARNERS, costs);
    costs.observe(RF, 10, 500);
    assertEquals(Duration.ofSeconds(90), p.leaseTimeout(RF, 10));
    assertEquals(3, p.maxAttempts());
  }

  @Test
  void theLeaseIsTenTimesTheSplitsOwnExpectedSeconds() {
    CostModel costs = CostModel.learned(3);
    RetryPolicy p = new RetryPolicy(ExecutionSpec.defaults(), LEARNERS, costs);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(TREE, 100));
    costs.observe(TREE, 100, 0.2);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.MIN_TIMEOUT_SECONDS), p.leaseTimeout(TREE, 100));
    for (int size = 1000; size <= 4000; size += 1000) {
      costs.observe(TREE, size, size / 100.0); // linear: 10 ms a unit of size
    }
    assertEquals(Duration.ofSeconds(300), p.leaseTimeout(TREE, 3000), "10 x 30 s");
    assertEquals(Duration.ofSeconds(30), p.leaseTimeout(TREE, 200), "never below the minimum");
    // other learners keep their own history
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(KNN, 100));
  }

  /**
   * SOAK with sizes: the first split of a learner to finish is often the smallest down-sampled
   * one. A full-size split then gets a lease extrapolated at least quadratically to its own size,
   * not ten times the small one's seconds (which a one-worker run once gave up on).
   */
  @Test
  void aLargerSplitThanAnySeenGetsALeaseScaledAtLeastQuadratically() {
    CostModel costs = CostModel.learned(3);
    RetryPolicy p = new RetryPolicy(ExecutionSpec.defaults(), LEARNERS, costs);
    costs.observe(RF, 10, 2.5);
    // 10 x 2.5 s x (40 / 10)^2
    assertEquals(400, p.leaseTimeout(RF, 40).toMillis() / 1000.0, 0.01);
    assertEquals(Duration.ofSeconds(30), p.leaseTimeout(RF, 5), "never below the minimum");
    // an absurd extrapolation stops at a day
    assertEquals(Duration.ofSeconds((long) RetryPolicy.MAX_TIMEOUT_SECONDS), p.leaseTimeout(RF, 1_000_000));
  }

  @Test
  void aHintNeverShortensTheFirstLease() {
    CostModel costs = new CostModel(new double[] {5, 600, Double.NaN}, new double[] {100, 100, 100});
    RetryPolicy p = new RetryPolicy(ExecutionSpec.defaults(), LEARNERS, costs);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(TREE, 100));
    assertEquals(Duration.ofSeconds(6000), p.leaseTimeout(KNN, 100), "a long hint lengthens it");
  }
}
