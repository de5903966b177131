package org.soakbench.coordinator.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a run stands, as {@code /soakbench/progress} and {@code soakbench status} show it.
 *
 * @param etaSeconds remaining splits / throughput so far; null before the first split is recorded
 * @param gridCells the run's number of cells (task x learner x test subset); {@code grid} lists at most
 *     200 of them, busy and unfinished ones first
 */
public record Progress(
    @JsonProperty("experiment") String experiment,
    @JsonProperty("total") int total,
    @JsonProperty("done") int done,
    @JsonProperty("running") int running,
    @JsonProperty("queued") int queued,
    @JsonProperty("failed") int failed,
    @JsonProperty("retried") int retried,
    @JsonProperty("elapsed_seconds") double elapsedSeconds,
    @JsonProperty("eta_seconds") Double etaSeconds,
    @JsonProperty("finished") boolean finished,
    @JsonProperty("grid_cells") int gridCells,
    @JsonProperty("grid") List<Cell> grid,
    @JsonProperty("workers") List<WorkerLoad> workers,
    @JsonProperty("recent_errors") List<SplitError> recentErrors) {

  /** A split recorded as an error row. */
  public record SplitError(
      @JsonProperty("id") String id,
      @JsonProperty("worker") String worker,
      @JsonProperty("error") String error) {}

  /** Counts of one task x learner x test subset. */
  public record Cell(
      @JsonProperty("task_id") String taskId,
      @JsonProperty("learner_id") String learnerId,
      @JsonProperty("test.subset") String testSubset,
      @JsonProperty("total") int total,
      @JsonProperty("done") int done,
      @JsonProperty("running") int running,
      @JsonProperty("failed") int failed) {}

  /** One worker: where it runs, its slots, what it has done and what it runs now. */
  public record WorkerLoad(
      @JsonProperty("node") String node,
      @JsonProperty("slots") int slots,
      @JsonProperty("done") int done,
      @JsonProperty("busy_seconds") double busySeconds,
      @JsonProperty("splits_per_second") double splitsPerSecond,
      @JsonProperty("current") List<String> current) {}
}
