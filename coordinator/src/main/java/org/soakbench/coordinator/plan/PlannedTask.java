package org.soakbench.coordinator.plan;

import java.util.List;
import org.soakbench.coordinator.data.LoadedTask;
import org.soakbench.protocol.TaskBundle;

/** A loaded task with its instantiated resampling and the measures that apply to it. */
public record PlannedTask(LoadedTask task, TaskBundle bundle, List<String> measures) {

  public String id() {
    return task.spec().id();
  }
}
