package org.soakbench.coordinator.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.coordinator.plan.PlannedSplit;
import org.soakbench.protocol.Measures;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.SplitSpec;

/**
 * One recorded split, as one line of {@code journal.jsonl}: everything the score table, the
 * statistics and the report need, so they can be rebuilt from the journal alone.
 *
 * @param measures mlr3 column name to value, for every measure of the task (null values on error rows)
 * @param assignedAt when the recorded attempt started, as the coordinator heard it (epoch ms, coordinator clock)
 * @param recordedAt when the coordinator recorded it (epoch ms)
 */
@JsonPropertyOrder(alphabetic = false)
public record SplitRecord(
    @JsonProperty("id") String id,
    @JsonProperty("task_id") String taskId,
    @JsonProperty("task_hash") String taskHash,
    @JsonProperty("task_index") int taskIndex,
    @JsonProperty("learner_id") String learnerId,
    @JsonProperty("learner_index") int learnerIndex,
    @JsonProperty("iteration") int iteration,
    @JsonProperty("test.subset") String testSubset,
    @JsonProperty("train.subsets") String trainSubsets,
    @JsonProperty("groups") int groups,
    @JsonProperty("test.fold") int testFold,
    @JsonProperty("seed") int seed,
    @JsonProperty("n.train.groups") int nTrainGroups,
    @JsonProperty("measures") Map<String, Double> measures,
    @JsonProperty("n.train") int nTrain,
    @JsonProperty("n.test") int nTest,
    @JsonProperty("train.seconds") double trainSeconds,
    @JsonProperty("predict.seconds") double predictSeconds,
    @JsonProperty("worker") String worker,
    @JsonProperty("worker_slots") int workerSlots,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("assigned_at") long assignedAt,
    @JsonProperty("recorded_at") long recordedAt,
    @JsonProperty("error") String error) {

  /** Builds the record of attempt {@code attempt} of a finished split, as {@code worker} delivered it. */
  public static SplitRecord of(PlannedSplit job, int attempt, SplitResult r, String worker, int workerSlots,
      long assignedAt, long recordedAt) {
    Map<String, Double> measures = new LinkedHashMap<>();
    List<String> names = job.task().measures();
    for (int i = 0; i < names.size(); i++) {
      measures.put(Measures.columnName(names.get(i)), r.failed() || i >= r.measures().size() ? null : r.measures().get(i));
    }
    SplitSpec split = job.spec();
    return new SplitRecord(job.id(), job.task().id(), job.task().bundle().hash(), job.taskIndex(), job.learner().id(),
        job.learnerIndex(), job.iteration(), split.testSubset(), split.trainSubsets(), split.groups(), split.testFold(),
        split.seed(), split.nTrainGroups(), measures, r.nTrain(), r.nTest(), r.trainSeconds(), r.predictSeconds(),
        worker, workerSlots, attempt, assignedAt, recordedAt, r.error());
  }

  public boolean failed() {
    return error != null;
  }

  /** mlr3resampling's {@code sub(".*[.]", "", learner_id)}: {@code regr.rpart} becomes {@code rpart}. */
  public String algorithm() {
    return learnerId.substring(learnerId.lastIndexOf('.') + 1);
  }
}
