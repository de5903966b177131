package org.soakbench.protocol;

import java.util.List;

/**
 * One unit of work: train a learner on one iteration of one task and score it. It names the task
 * bundle by hash and never carries rows. {@code seed} derives from (experiment seed, task, learner,
 * iteration) only, so a retry on another worker computes the same result.
 */
public record SplitJob(
    String jobId,
    String taskHash,
    String taskId,
    LearnerSpec learner,
    int iteration,
    long seed,
    int attempt,
    List<String> measures)
    implements CborSerializable {

  /** The stable identity of a split: the same across runs, workers and attempts. */
  public static String idOf(String taskId, String learnerId, int iteration) {
    return taskId + "/" + learnerId + "/" + iteration;
  }
}
