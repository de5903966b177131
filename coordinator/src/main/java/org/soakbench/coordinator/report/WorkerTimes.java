package org.soakbench.coordinator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.coordinator.record.RecordStore;

/**
 * Per-worker timing of a run from its records: splits, busy seconds (train + predict), the span
 * from its first hand-out to its last recorded split, and efficiency = busy worker-seconds /
 * available worker-seconds (slots x span).
 */
public record WorkerTimes(String worker, int slots, int splits, double busySeconds, long firstMillis, long lastMillis) {

  public double spanSeconds() {
    return (lastMillis - firstMillis) / 1000.0;
  }

  public double efficiency() {
    double available = slots * spanSeconds();
    return available > 0 ? busySeconds / available : Double.NaN;
  }

  /** One entry per worker, in order of first hand-out. */
  public static List<WorkerTimes> of(RecordStore store) {
    // per worker name (a worker's records may carry several slot counts): one pass, no per-split objects
    Map<String, long[]> span = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, double[]> busy = new LinkedHashMap<>();
    for (int row = 0; row < store.size(); row++) {
      RecordStore.WorkerKey w = store.worker(row);
      long[] s = span.computeIfAbsent(w.name(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      s[0] = Math.min(s[0], store.assignedAt(row));
      s[1] = Math.max(s[1], store.recordedAt(row));
      int[] c = counts.computeIfAbsent(w.name(), k -> new int[2]);
      c[0]++;
      c[1] = Math.max(c[1], w.slots());
      busy.computeIfAbsent(w.name(), k -> new double[1])[0] += store.trainSeconds(row) + store.predictSeconds(row);
    }
    List<String> names = new ArrayList<>(span.keySet());
    names.sort(java.util.Comparator.comparingLong(n -> span.get(n)[0]));
    List<WorkerTimes> out = new ArrayList<>();
    for (String n : names) {
      out.add(new WorkerTimes(n, counts.get(n)[1], counts.get(n)[0], busy.get(n)[0], span.get(n)[0],
          span.get(n)[1]));
    }
    return out;
  }

  /** Busy worker-seconds over available worker-seconds, all workers together. */
  public static double overallEfficiency(List<WorkerTimes> workers) {
    double busy = workers.stream().mapToDouble(WorkerTimes::busySeconds).sum();
    double available = workers.stream().mapToDouble(w -> w.slots() * w.spanSeconds()).sum();
    return available > 0 ? busy / available : Double.NaN;
  }
}
