package org.soakbench.coordinator.run;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.record.RecordStore;

/**
 * The split numbers a journal already holds (matched by task, learner and iteration), and which of
 * them are error rows: what the coordinator needs of a resumed journal, taken before the collector
 * owns the records.
 */
public record ResumedJobs(int[] jobs, BitSet failed) {
  public static final ResumedJobs NONE = new ResumedJobs(new int[0], new BitSet());

  public static ResumedJobs of(PlannedExperiment plan, RecordStore store) {
    Map<String, Integer> taskIndex = new HashMap<>();
    plan.tasks().forEach(t -> taskIndex.put(t.id(), taskIndex.size()));
    Map<String, Integer> learnerIndex = new HashMap<>();
    plan.learners().forEach(l -> learnerIndex.put(l.id(), learnerIndex.size()));
    int[] jobs = new int[store.size()];
    BitSet failed = new BitSet();
    int n = 0;
    for (int row = 0; row < store.size(); row++) {
      Integer t = taskIndex.get(store.task(row).id());
      Integer l = learnerIndex.get(store.learner(row).id());
      int it = store.iteration(row);
      if (t != null && l != null && it >= 1 && it <= plan.layout().iterations(t)) {
        if (store.failed(row)) {
          failed.set(n);
        }
        jobs[n++] = plan.layout().job(t, l, it);
      }
    }
    return new ResumedJobs(Arrays.copyOf(jobs, n), failed);
  }

  /** Whether the {@code i}-th of {@link #jobs} is an error row. */
  public boolean failed(int i) {
    return failed.get(i);
  }
}
