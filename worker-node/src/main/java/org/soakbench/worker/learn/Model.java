package org.soakbench.worker.learn;

import org.soakbench.protocol.TaskData;

/** A trained model. */
public interface Model {
  Prediction predict(TaskData data, int[] rows);
}
