package org.soakbench.coordinator.plan;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.soakbench.protocol.Experiment;
import org.soakbench.protocol.SplitJob;

/** Everything the coordinator needs to run an experiment: tasks with their instances, and every split job. */
public record PlannedExperiment(Experiment experiment, List<PlannedTask> tasks, List<SplitJob> jobs) {

  public Map<String, PlannedTask> tasksByHash() {
    return tasks.stream().collect(Collectors.toMap(t -> t.bundle().hash(), Function.identity(), (a, b) -> a));
  }
}
