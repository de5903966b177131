package org.soakbench.coordinator.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.WorkerMessage;

/**
 * The coordinator's tally of a run, for progress reports and the outcome: which splits are on
 * disk (and which of those are error rows), what each worker node did, the latest errors, the
 * retries, and the times that bound the makespan. Plain state, owned by the coordinator actor.
 */
final class RunTally {
  static final int RECENT_ERRORS = 10;

  private final PlannedExperiment plan;
  private final Map<String, Boolean> journaled = new HashMap<>();
  private final Map<String, int[]> doneByNode = new HashMap<>();
  private final Map<String, Double> busyByNode = new HashMap<>();
  private final Deque<Progress.SplitError> recentErrors = new ArrayDeque<>();
  private int retried;
  private long firstHandOutNanos;
  private long lastJournaledNanos;

  RunTally(PlannedExperiment plan) {
    this.plan = plan;
  }

  /** A split a journal already held when the run started. */
  void resumed(String id, boolean failed) {
    journaled.put(id, failed);
  }

  void handedOut(long nanos) {
    if (firstHandOutNanos == 0) {
      firstHandOutNanos = nanos;
    }
  }

  void retried() {
    retried++;
  }

  /** The final result of a split, as {@code node} delivered it (or as the coordinator gave up on it). */
  void recorded(String jobId, String node, SplitResult r) {
    if (r.failed()) {
      recentErrors.addFirst(new Progress.SplitError(jobId, r.worker(), r.error()));
      if (recentErrors.size() > RECENT_ERRORS) {
        recentErrors.removeLast();
      }
    }
    doneByNode.computeIfAbsent(node, n -> new int[1])[0]++;
    busyByNode.merge(node, r.trainSeconds() + r.predictSeconds(), Double::sum);
  }

  /** The split's journal line is on disk: from now on it counts as done. */
  void journaled(String id, boolean failed, long nanos) {
    journaled.put(id, failed);
    lastJournaledNanos = nanos;
  }

  int done() {
    return journaled.size();
  }

  int failed() {
    return (int) journaled.values().stream().filter(Boolean::booleanValue).count();
  }

  /** From the first hand-out to the last split on disk; 0 when nothing was handed out. */
  double makespanSeconds() {
    return firstHandOutNanos == 0 ? 0 : (lastJournaledNanos - firstHandOutNanos) / 1e9;
  }

  /**
   * @param slotsByNode the registered workers' nodes and slot counts
   * @param who a worker's node name
   */
  Progress progress(Collection<Lease> leases, Map<String, Integer> slotsByNode,
      Function<ActorRef<WorkerMessage>, String> who, int queued, boolean finished, long nowNanos) {
    double elapsed = firstHandOutNanos == 0 ? 0 : (nowNanos - firstHandOutNanos) / 1e9;
    int done = done();
    Double eta = done == 0 || elapsed == 0 ? null : (plan.jobs().size() - done) / (done / elapsed);
    Map<String, Lease> leased = new HashMap<>();
    leases.forEach(l -> leased.put(l.job().jobId(), l));
    Map<List<String>, int[]> cells = new LinkedHashMap<>();
    for (SplitJob j : plan.jobs()) {
      String subset = plan.tasksByHash().get(j.taskHash()).bundle().instance().iteration(j.iteration()).testSubset();
      int[] c = cells.computeIfAbsent(List.of(j.taskId(), j.learner().id(), subset), k -> new int[4]);
      c[0]++;
      if (journaled.containsKey(j.jobId())) {
        c[1]++;
        if (journaled.get(j.jobId())) {
          c[3]++;
        }
      } else if (leased.containsKey(j.jobId())) {
        c[2]++;
      }
    }
    List<Progress.Cell> grid = new ArrayList<>();
    cells.forEach((k, c) -> grid.add(new Progress.Cell(k.get(0), k.get(1), k.get(2), c[0], c[1], c[2], c[3])));
    Map<String, List<String>> current = new HashMap<>();
    leases.forEach(l -> current.computeIfAbsent(who.apply(l.worker()), n -> new ArrayList<>()).add(l.job().jobId()));
    List<Progress.WorkerLoad> loads = new ArrayList<>();
    slotsByNode.forEach((node, slots) -> {
      int byNode = doneByNode.getOrDefault(node, new int[1])[0];
      loads.add(new Progress.WorkerLoad(node, slots, byNode, busyByNode.getOrDefault(node, 0.0),
          elapsed > 0 ? byNode / elapsed : 0, current.getOrDefault(node, List.of())));
    });
    loads.sort(Comparator.comparing(Progress.WorkerLoad::node));
    return new Progress(plan.experiment().name(), plan.jobs().size(), done, leases.size(), queued, failed(), retried,
        elapsed, eta, finished, grid, loads, List.copyOf(recentErrors));
  }
}
