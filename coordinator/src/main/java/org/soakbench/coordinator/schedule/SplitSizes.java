package org.soakbench.coordinator.schedule;

import org.soakbench.coordinator.plan.JobLayout;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.PlannedTask;
import org.soakbench.protocol.ResamplingInstance;

/**
 * The size the cost model reads of each split: its train rows (train groups times the task's rows
 * per group) times the task's features, a first-order measure of a fit's work that also tells a
 * wide task from a narrow one. One double per (task, iteration), shared by the task's learners.
 */
public final class SplitSizes {
  private final JobLayout layout;
  private final double[][] byIteration;
  private final double largest;

  public SplitSizes(JobLayout layout, double[][] byIteration) {
    this.layout = layout;
    this.byIteration = byIteration;
    double max = 1;
    for (double[] task : byIteration) {
      for (double size : task) {
        max = Math.max(max, size);
      }
    }
    this.largest = max;
  }

  public static SplitSizes of(PlannedExperiment plan) {
    double[][] sizes = new double[plan.tasks().size()][];
    for (int t = 0; t < sizes.length; t++) {
      PlannedTask task = plan.tasks().get(t);
      ResamplingInstance instance = task.bundle().instance();
      int rows = instance.group().length;
      int groups = 0;
      for (int g : instance.group()) {
        groups = Math.max(groups, g + 1);
      }
      double rowsPerGroup = rows / (double) Math.max(1, groups);
      int features = Math.max(1, task.bundle().data().features().size());
      sizes[t] = new double[instance.iterations().size()];
      for (int i = 0; i < sizes[t].length; i++) {
        sizes[t][i] = instance.iterations().get(i).nTrainGroups() * rowsPerGroup * features;
      }
    }
    return new SplitSizes(plan.layout(), sizes);
  }

  /** The size of split {@code job}. */
  public double of(int job) {
    return of(layout.task(job), layout.iteration(job));
  }

  /** The size of iteration {@code iteration} (1-based) of task {@code task}, whatever the learner. */
  public double of(int task, int iteration) {
    return byIteration[task][iteration - 1];
  }

  /** The largest split's size: what a learner's {@code expected-seconds} hint is for. */
  public double largest() {
    return largest;
  }

  public JobLayout layout() {
    return layout;
  }
}
