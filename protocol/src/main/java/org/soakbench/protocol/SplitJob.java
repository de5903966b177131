package org.soakbench.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One split attempt as handed out: train learner {@code learner} on iteration {@code iteration} of
 * task {@code task} and score it with measure set {@code measures} (indices into the run's
 * {@link ToWorker.Welcome} and the tasks the worker fetches by number). It never carries rows.
 * {@code seed} derives from (experiment seed, task, learner, iteration) only, so a retry on another
 * worker computes the same result. Sent as a bare CBOR array: a batch of a thousand stays small.
 *
 * @param job the split's number in the coordinator's plan (stable for one experiment)
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"job", "attempt", "task", "learner", "iteration", "measures", "seed"})
public record SplitJob(int job, int attempt, int task, int learner, int iteration, int measures, long seed)
    implements CborSerializable {

  /** The stable identity of a split in every output: the same across runs, workers and attempts. */
  public static String idOf(String taskId, String learnerId, int iteration) {
    return taskId + "/" + learnerId + "/" + iteration;
  }
}
