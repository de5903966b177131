package org.soakbench.worker.learn;

import org.soakbench.protocol.TaskData;

/** A configured learner: fits a model on some rows of a task. */
public interface Trainer {
  /** {@code split.seed()} makes every random choice of the fit reproducible. */
  Model fit(TaskData data, int[] rows, SplitContext split) throws Exception;
}
