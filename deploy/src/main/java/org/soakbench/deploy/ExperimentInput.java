package org.soakbench.deploy;

import java.nio.file.Path;
import org.soakbench.coordinator.config.ExperimentLoader;
import org.soakbench.coordinator.plan.ExperimentPlanner;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.SmokeTest;
import org.soakbench.coordinator.schedule.SplitHints;
import org.soakbench.protocol.Experiment;
import org.soakbench.worker.learn.LearnerRegistry;

/** Loads, validates and plans an experiment file: the common first step of every command that takes one. */
final class ExperimentInput {
  private ExperimentInput() {}

  static PlannedExperiment plan(Path file) {
    return plan(file, null);
  }

  /** The plan of the experiment, or of its smoke test when {@code smoke} is given. */
  static PlannedExperiment plan(Path file, SmokeTest smoke) {
    return planned(file, smoke).plan();
  }

  /** A plan with the per-split hints of its {@code hints} file (null without one). */
  record Planned(PlannedExperiment plan, double[] hints) {}

  /** As {@link #plan(Path, SmokeTest)}, with the hints file read once for the coordinator. */
  static Planned planned(Path file, SmokeTest smoke) {
    Experiment experiment = ExperimentLoader.load(file);
    PlannedExperiment plan = new ExperimentPlanner(new LearnerRegistry(), smoke).plan(experiment);
    // a bad hints file stops the command here, before an output folder is touched
    return new Planned(plan, SplitHints.read(plan));
  }

  /** The output folder: {@code --out} if given, else the experiment's {@code output}, relative to the file. */
  static Path outputFolder(Path file, Path out, Experiment experiment) {
    if (out != null) {
      return out;
    }
    return file.toAbsolutePath().getParent().resolve(experiment.output()).normalize();
  }
}
