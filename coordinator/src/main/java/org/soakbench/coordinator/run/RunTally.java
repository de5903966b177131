package org.soakbench.coordinator.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.coordinator.book.JobBook;
import org.soakbench.coordinator.plan.JobLayout;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.protocol.SplitResult;

/**
 * The coordinator's tally of a run beside the job book: the progress cells' names, what each
 * worker node did (busy seconds), the latest errors, and the times that bound the makespan.
 * A progress report reads the book's counts: O(cells + workers + leased splits), never O(splits).
 */
final class RunTally {
  static final int RECENT_ERRORS = 10;
  /** A worker holds up to its prefetch window: the progress report names only the first few. */
  static final int CURRENT_SHOWN = 20;
  /** Most cells a progress report lists (see {@link #shownCells}). */
  static final int GRID_SHOWN = 200;

  /** A progress cell: task x learner x test subset. */
  private record CellKey(String task, String learner, String subset) {}

  /** What the progress report shows of one registered worker. */
  record WorkerView(String node, int slots, int bookIndex) {}

  private final PlannedExperiment plan;
  private final List<CellKey> cells = new ArrayList<>();
  private final int[] cellOf;
  private final Map<String, Double> busyByNode = new HashMap<>();
  private final Map<String, Integer> doneByNode = new HashMap<>();
  private final Deque<Progress.SplitError> recentErrors = new ArrayDeque<>();
  private long firstHandOutNanos;
  private long lastJournaledNanos;

  RunTally(PlannedExperiment plan) {
    this.plan = plan;
    JobLayout layout = plan.layout();
    this.cellOf = new int[layout.total()];
    int job = 0;
    for (int t = 0; t < layout.tasks(); t++) {
      var task = plan.tasks().get(t);
      var instance = task.bundle().instance();
      for (int l = 0; l < layout.learners(); l++) {
        Map<String, Integer> bySubset = new HashMap<>();
        for (int it = 1; it <= layout.iterations(t); it++) {
          String subset = instance.iteration(it).testSubset();
          Integer cell = bySubset.get(subset);
          if (cell == null) {
            cell = cells.size();
            bySubset.put(subset, cell);
            cells.add(new CellKey(task.id(), plan.learners().get(l).id(), subset));
          }
          cellOf[job++] = cell;
        }
      }
    }
  }

  /** For each job of the plan (in plan order), its progress cell. */
  int[] cellOf() {
    return cellOf;
  }

  /**
   * The cells a progress report lists, in plan order: all of them up to {@link #GRID_SHOWN}; beyond,
   * those running or with failures first, then unfinished ones, then finished ones, so that a study of
   * thousands of cells answers in kilobytes and the dashboard shows where work is happening.
   */
  private int[] shownCells(JobBook book) {
    int n = cells.size();
    if (n <= GRID_SHOWN) {
      return java.util.stream.IntStream.range(0, n).toArray();
    }
    int[][] byRank = new int[3][GRID_SHOWN];
    int[] count = new int[3];
    for (int c = 0; c < n; c++) {
      int rank = book.cellLeased(c) > 0 || book.cellFailed(c) > 0 ? 0 : book.cellDone(c) < book.cellTotal(c) ? 1 : 2;
      if (count[rank] < GRID_SHOWN) {
        byRank[rank][count[rank]++] = c;
      }
    }
    int[] shown = new int[GRID_SHOWN];
    int k = 0;
    for (int rank = 0; rank < 3 && k < GRID_SHOWN; rank++) {
      int take = Math.min(count[rank], GRID_SHOWN - k);
      System.arraycopy(byRank[rank], 0, shown, k, take);
      k += take;
    }
    java.util.Arrays.sort(shown);
    return shown;
  }

  int cells() {
    return cells.size();
  }

  void handedOut(long nanos) {
    if (firstHandOutNanos == 0) {
      firstHandOutNanos = nanos;
    }
  }

  /** The final result of a split, as {@code node} delivered it (or as the coordinator gave up on it). */
  void recorded(String jobId, String node, SplitResult r) {
    if (r.failed()) {
      recentErrors.addFirst(new Progress.SplitError(jobId, node, r.error()));
      if (recentErrors.size() > RECENT_ERRORS) {
        recentErrors.removeLast();
      }
    }
    doneByNode.merge(node, 1, Integer::sum);
    busyByNode.merge(node, r.trainSeconds() + r.predictSeconds(), Double::sum);
  }

  void journaled(long nanos) {
    lastJournaledNanos = nanos;
  }

  /** From the first hand-out to the last split on disk; 0 when nothing was handed out. */
  double makespanSeconds() {
    return firstHandOutNanos == 0 ? 0 : (lastJournaledNanos - firstHandOutNanos) / 1e9;
  }

  /**
   * @param remainingSeconds the expected seconds of the splits not yet recorded (the cost model's),
   *     NaN when unknown: the ETA is then the splits left over the splits per second so far
   */
  Progress progress(JobBook book, List<WorkerView> workers, boolean finished, long nowNanos, double remainingSeconds) {
    double elapsed = firstHandOutNanos == 0 ? 0 : (nowNanos - firstHandOutNanos) / 1e9;
    int done = book.done();
    double busy = busyByNode.values().stream().mapToDouble(Double::doubleValue).sum();
    // work left over the work done per second so far: with the longest splits first, splits per
    // second would grow all along the run and an ETA from it would be far too long
    Double eta = done == 0 || elapsed == 0 ? null
        : !Double.isNaN(remainingSeconds) && busy > 0 ? remainingSeconds / (busy / elapsed)
        : (book.total() - done) / (done / elapsed);
    List<Progress.Cell> grid = new ArrayList<>(Math.min(cells.size(), GRID_SHOWN));
    for (int c : shownCells(book)) {
      CellKey k = cells.get(c);
      grid.add(new Progress.Cell(k.task(), k.learner(), k.subset(), book.cellTotal(c), book.cellDone(c),
          book.cellLeased(c), book.cellFailed(c)));
    }
    List<Progress.WorkerLoad> loads = new ArrayList<>();
    for (WorkerView w : workers) {
      List<String> current = new ArrayList<>();
      for (int job : book.runningOn(w.bookIndex())) {
        if (current.size() == CURRENT_SHOWN) {
          break;
        }
        current.add(plan.split(job).id());
      }
      int byNode = doneByNode.getOrDefault(w.node(), 0);
      loads.add(new Progress.WorkerLoad(w.node(), w.slots(), byNode, busyByNode.getOrDefault(w.node(), 0.0),
          elapsed > 0 ? byNode / elapsed : 0, current));
    }
    loads.sort(Comparator.comparing(Progress.WorkerLoad::node));
    return new Progress(plan.experiment().name(), book.total(), done, book.leased(), book.queued(), book.failedRows(),
        book.retried(), elapsed, eta, finished, cells.size(), grid, loads, List.copyOf(recentErrors));
  }
}
