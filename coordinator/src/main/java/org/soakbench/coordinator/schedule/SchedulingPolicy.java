package org.soakbench.coordinator.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.soakbench.protocol.SplitJob;

/**
 * Which queued job goes out next. Jobs leave in plan order; a job handed back (its worker left)
 * goes to the front, so a retry is not starved behind the rest of the run. No actor code here.
 */
public final class SchedulingPolicy {
  private final Deque<SplitJob> queue;

  public SchedulingPolicy(List<SplitJob> jobs) {
    this.queue = new ArrayDeque<>(jobs);
  }

  /** At most {@code n} jobs for a worker that has {@code n} free slots. */
  public List<SplitJob> take(int n) {
    List<SplitJob> out = new ArrayList<>();
    while (out.size() < n && !queue.isEmpty()) {
      out.add(queue.pollFirst());
    }
    return out;
  }

  public void requeue(SplitJob job) {
    queue.addFirst(job);
  }

  public int queued() {
    return queue.size();
  }
}
