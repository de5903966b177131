package org.soakbench.coordinator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.coordinator.output.SplitRecord;

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

  /** One entry per worker, in order of first appearance. */
  public static List<WorkerTimes> of(List<SplitRecord> records) {
    Map<String, List<SplitRecord>> byWorker = new LinkedHashMap<>();
    records.stream().sorted(java.util.Comparator.comparingLong(SplitRecord::assignedAt))
        .forEach(r -> byWorker.computeIfAbsent(r.worker(), w -> new ArrayList<>()).add(r));
    List<WorkerTimes> out = new ArrayList<>();
    byWorker.forEach((w, rs) -> out.add(new WorkerTimes(w, rs.stream().mapToInt(SplitRecord::workerSlots).max().orElse(1),
        rs.size(), rs.stream().mapToDouble(r -> r.trainSeconds() + r.predictSeconds()).sum(),
        rs.stream().mapToLong(SplitRecord::assignedAt).min().orElse(0),
        rs.stream().mapToLong(SplitRecord::recordedAt).max().orElse(0))));
    return out;
  }

  /** Busy worker-seconds over available worker-seconds, all workers together. */
  public static double overallEfficiency(List<WorkerTimes> workers) {
    double busy = workers.stream().mapToDouble(WorkerTimes::busySeconds).sum();
    double available = workers.stream().mapToDouble(w -> w.slots() * w.spanSeconds()).sum();
    return available > 0 ? busy / available : Double.NaN;
  }
}
