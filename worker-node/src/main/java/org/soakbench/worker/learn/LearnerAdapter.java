package org.soakbench.worker.learn;

import java.util.Set;
import org.soakbench.protocol.TaskKind;

/** One learner type: its parameters and how to build a trainer from them. */
public interface LearnerAdapter {
  String type();

  /** Every parameter name this learner accepts. */
  Set<String> parameters();

  /** Whether parameters beyond {@link #parameters()} are accepted (an external script gets them). */
  default boolean acceptsAnyParameter() {
    return false;
  }

  /**
   * A check before the run, on the coordinator, beyond {@link #configure}: an external learner
   * starts its interpreter on its script once. Throws BadInputException.
   */
  default void dryRun(LearnerParams params, String learnerId) {}

  /** Checks the parameters for this task kind and returns a trainer; throws BadInputException otherwise. */
  Trainer configure(LearnerParams params, TaskKind kind);
}
