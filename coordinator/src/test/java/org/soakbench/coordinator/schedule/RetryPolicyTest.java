package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.SplitJob;

/** Lease timeouts (fixed or adaptive per task and learner) and the attempt limit. */
class RetryPolicyTest {
  private static SplitJob job(String task, String learner) {
    return new SplitJob(task + "/" + learner + "/1", "hash-" + task, task, new LearnerSpec(learner, learner, Map.of()),
        1, 1L, 1, List.of("rmse"));
  }

  @Test
  void configuredTimeoutWins() {
    RetryPolicy p = new RetryPolicy(new ExecutionSpec(3, Map.of("rf", 90.0)));
    p.observe(job("a", "rf"), 500);
    assertEquals(Duration.ofSeconds(90), p.leaseTimeout(job("a", "rf")));
  }

  @Test
  void adaptiveTimeoutFollowsTheLongestRunOfTheSameTaskAndLearner() {
    RetryPolicy p = new RetryPolicy(ExecutionSpec.defaults());
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(job("a", "tree")));
    p.observe(job("a", "tree"), 0.2);
    assertEquals(Duration.ofSeconds((long) RetryPolicy.MIN_TIMEOUT_SECONDS), p.leaseTimeout(job("a", "tree")));
    p.observe(job("a", "tree"), 12);
    p.observe(job("a", "tree"), 7);
    assertEquals(Duration.ofSeconds(120), p.leaseTimeout(job("a", "tree")));
    // other tasks and learners keep their own history
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(job("b", "tree")));
    assertEquals(Duration.ofSeconds((long) RetryPolicy.INITIAL_TIMEOUT_SECONDS), p.leaseTimeout(job("a", "knn")));
  }
}
