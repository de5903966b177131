package org.soakbench.coordinator.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.protocol.Digests;
import org.soakbench.protocol.Experiment;
import org.soakbench.protocol.LearnerSpec;

/**
 * Everything the coordinator needs to run an experiment: tasks with their instances, and the
 * layout that numbers every split (tasks x learners x iterations) without one object per split.
 */
public record PlannedExperiment(Experiment experiment, List<PlannedTask> tasks, JobLayout layout) {

  /** The plan of these tasks, numbered task by task, learner by learner, iteration by iteration. */
  public static PlannedExperiment of(Experiment experiment, List<PlannedTask> tasks) {
    int[] iterations = tasks.stream().mapToInt(t -> t.bundle().instance().iterations().size()).toArray();
    return new PlannedExperiment(experiment, List.copyOf(tasks), new JobLayout(iterations,
        experiment.learners().size()));
  }

  public int splits() {
    return layout.total();
  }

  public PlannedSplit split(int job) {
    int t = layout.task(job);
    int l = layout.learner(job);
    return new PlannedSplit(job, t, tasks.get(t), l, experiment.learners().get(l), layout.iteration(job));
  }

  /** The distinct measure sets of the tasks, in first-use order, and each task's set number. */
  public MeasureSets measureSets() {
    Map<List<String>, Integer> index = new LinkedHashMap<>();
    int[] of = new int[tasks.size()];
    for (int t = 0; t < tasks.size(); t++) {
      of[t] = index.computeIfAbsent(tasks.get(t).measures(), m -> index.size());
    }
    return new MeasureSets(new ArrayList<>(index.keySet()), of);
  }

  /** Measure sets as the workers get them: a few lists, and per task which one. */
  public record MeasureSets(List<List<String>> sets, int[] ofTask) {}

  public List<LearnerSpec> learners() {
    return experiment.learners();
  }

  /**
   * Identifies what the results depend on: seed, resampling, learners, measures, execution settings
   * and every task's content hash (data bytes and column roles), not file locations or the output
   * folder. A journal may only be resumed by an experiment with the same fingerprint. Scheduling
   * hints ({@code expected-seconds}) change no result and are left out.
   */
  public String fingerprint() {
    Experiment e = experiment;
    String text = String.join("\u0000", String.valueOf(e.seed()), e.resampling().toString(), e.learners().toString(),
        e.measures().toString(),
        // the text of the two-field record of earlier versions, so their journals still resume
        "ExecutionSpec[maxAttempts=" + e.execution().maxAttempts() + ", timeoutSeconds=" + e.execution().timeoutSeconds() + "]",
        tasks.stream().map(t -> t.id() + "=" + t.bundle().hash()).toList().toString());
    return Digests.sha256Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
  }
}
