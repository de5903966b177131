package org.soakbench.coordinator.plan;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.soakbench.protocol.Digests;
import org.soakbench.protocol.Experiment;
import org.soakbench.protocol.SplitJob;

/** Everything the coordinator needs to run an experiment: tasks with their instances, and every split job. */
public record PlannedExperiment(Experiment experiment, List<PlannedTask> tasks, List<SplitJob> jobs) {

  /**
   * Identifies what the results depend on: seed, resampling, learners, measures, execution settings
   * and every task's content hash (data bytes and column roles), not file locations or the output
   * folder. A journal may only be resumed by an experiment with the same fingerprint.
   */
  public String fingerprint() {
    Experiment e = experiment;
    String text = String.join("\u0000", String.valueOf(e.seed()), e.resampling().toString(), e.learners().toString(),
        e.measures().toString(), e.execution().toString(),
        tasks.stream().map(t -> t.id() + "=" + t.bundle().hash()).toList().toString());
    return Digests.sha256Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
  }

  public Map<String, PlannedTask> tasksByHash() {
    return tasks.stream().collect(Collectors.toMap(t -> t.bundle().hash(), Function.identity(), (a, b) -> a));
  }
}
