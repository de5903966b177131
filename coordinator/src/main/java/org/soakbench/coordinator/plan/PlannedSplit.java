package org.soakbench.coordinator.plan;

import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.Seeds;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitSpec;

/** One split of the plan, made on demand from its number (never stored for all splits). */
public record PlannedSplit(int job, int taskIndex, PlannedTask task, int learnerIndex, LearnerSpec learner,
    int iteration) {

  /** The split's identity in every output. */
  public String id() {
    return SplitJob.idOf(task.id(), learner.id(), iteration);
  }

  public SplitSpec spec() {
    return task.bundle().instance().iteration(iteration);
  }

  /** The learner's seed: depends only on the experiment seed, task, learner and iteration. */
  public long seed(long experimentSeed) {
    return Seeds.derive(experimentSeed, "split", task.id(), learner.id(), iteration);
  }
}
