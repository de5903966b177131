package org.soakbench.worker.learn;

import java.util.Set;
import org.soakbench.protocol.TaskKind;

/** One learner type: its parameters and how to build a trainer from them. */
public interface LearnerAdapter {
  String type();

  /** Every parameter name this learner accepts. */
  Set<String> parameters();

  /** Checks the parameters for this task kind and returns a trainer; throws BadInputException otherwise. */
  Trainer configure(LearnerParams params, TaskKind kind);
}
