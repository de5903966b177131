package org.soakbench.coordinator.book;

import java.util.function.IntConsumer;

/**
 * Every split's whole life, for runs of millions of splits: queued, leased to a worker (handed
 * out, maybe prefetched), running (started, with a deadline), recorded (its row is on the way to
 * the journal) and done (journaled, possibly as an error row). Jobs and workers are ints; state is
 * primitive arrays (about 30 bytes a split) and the leases of each worker an intrusive linked list,
 * so every transition is O(1), the expiry check O(leased), and the counts that progress reports
 * need (totals, per cell, per worker) are kept as they change, never recomputed from the jobs.
 * Retries and give-ups are decided here; the coordinator actor only turns messages into calls.
 * The queue is a set of lines, each in a fixed order (the scheduling policy's, e.g. one line per
 * learner, longest train set first), plus a line of jobs queued again (retries, hand-backs),
 * which go out first; at each hand-out a {@link HeadChooser} picks among the lines' first jobs.
 * At the run's tail a running split may get one speculative copy on another worker
 * ({@link #speculate}): whichever of the two reports first is recorded, the other is dropped; if
 * one fails the other carries on. Not thread-safe: owned by one actor.
 */
public final class JobBook {
  static final byte QUEUED = 0;
  static final byte LEASED = 1;
  static final byte RUNNING = 2;
  static final byte RECORDED = 3;
  static final byte DONE = 4;
  static final byte DONE_FAILED = 5;

  private static final int NONE = -1;

  /** What a lease that ended without a result led to. */
  public enum Failure {
    /** Queued again, at the front, for its next attempt. */
    RETRY,
    /** The attempts are used up: the coordinator records an error row for it. */
    GIVE_UP,
    /** Held but never started (prefetched): queued again at the front, no attempt or failure counted. */
    RETURNED,
    /** The lease had already ended (a late report): nothing changed. */
    STALE,
    /** The split's other copy (see {@link #speculate}) runs on: nothing queued again. */
    COPY_RUNS_ON
  }

  /**
   * Which line's first (or last) job goes out next: the scheduling policy's only say in the book.
   * A policy may also decline, for a worker that has no time left for any queued job.
   */
  @FunctionalInterface
  public interface HeadChooser {
    /** {@link #choose}'s answer when no queued job suits the worker: the hand-out stops. */
    int NONE_FITS = Integer.MIN_VALUE;

    /**
     * @param heads per line its first queued job, or -1 when the line is empty (never all)
     * @param tails per line its last queued job, or -1 when the line is empty
     * @return the index {@code q} of the line whose first job goes out, {@code ~q} for its last
     *     job, or {@link #NONE_FITS}
     */
    int choose(int[] heads, int[] tails);

    /** Whether a job queued again (ahead of every line) may go out now. */
    default boolean fits(int job) {
      return true;
    }
  }

  /** Plan order: of the lines' first jobs, the one first in the plan. */
  public static final HeadChooser PLAN_ORDER = (heads, tails) -> {
    int best = -1;
    for (int q = 0; q < heads.length; q++) {
      if (heads[q] != NONE && (best < 0 || heads[q] < heads[best])) {
        best = q;
      }
    }
    return best;
  };

  private final int maxAttempts;
  private final byte[] state;
  private final int[] attempt;
  private final int[] failures;
  private final int[] holder;
  private final long[] deadline;
  private final int[] next;
  private final int[] prev;
  private final int[] cellOf;
  private final int[] cellTotal;
  private final int[] cellDone;
  private final int[] cellLeased;
  private final int[] cellFailed;
  /** The lines as given, until the queue is built at the first hand-out (then null). */
  private int[][] lineOrder;
  private IntDeque[] lines;
  private int[] heads;
  private int[] tails;
  private IntDeque again;
  private int queued;
  private Workers workers = new Workers(4);
  private int leased;
  private int recorded;
  private int done;
  private int failed;
  private int retried;
  private int liveSlots;
  /** Speculative copies by job: at most one a job, and only at the tail, so a map stays small. */
  private final java.util.Map<Integer, Copy> copies = new java.util.HashMap<>();

  /** A speculative copy's lease; the primary's attempt number is kept here while the copy has the newer one. */
  private static final class Copy {
    final int worker;
    final int primaryAttempt;
    boolean running;
    long deadline;

    Copy(int worker, int primaryAttempt) {
      this.worker = worker;
      this.primaryAttempt = primaryAttempt;
    }
  }

  /** Another lease of the same split: a worker and the attempt number it runs. */
  public record Lease(int worker, int attempt) {}

  /**
   * @param cellOf for each job (0 .. n-1, plan order) its progress cell (task x learner x test subset)
   * @param cells the number of cells
   * @param maxAttempts failed attempts (lost worker, expired lease, out of memory) before a split is given up
   */
  public JobBook(int[] cellOf, int cells, int maxAttempts) {
    this(cellOf, cells, maxAttempts, new int[][] {identity(cellOf.length)});
  }

  /**
   * A book whose queue has the given lines: every job in exactly one, each line in the order its
   * jobs go out.
   */
  public JobBook(int[] cellOf, int cells, int maxAttempts, int[][] lines) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    int n = cellOf.length;
    this.maxAttempts = maxAttempts;
    this.cellOf = cellOf.clone();
    this.state = new byte[n];
    this.attempt = new int[n];
    this.failures = new int[n];
    this.holder = new int[n];
    this.deadline = new long[n];
    this.next = new int[n];
    this.prev = new int[n];
    this.cellTotal = new int[cells];
    this.cellDone = new int[cells];
    this.cellLeased = new int[cells];
    this.cellFailed = new int[cells];
    for (int job = 0; job < n; job++) {
      int cell = cellOf[job];
      if (cell < 0 || cell >= cells) {
        throw new IllegalArgumentException("job " + job + " has cell " + cell + ", not in 0.." + (cells - 1));
      }
      cellTotal[cell]++;
      holder[job] = NONE;
    }
    boolean[] seen = new boolean[n];
    int listed = 0;
    for (int[] line : lines) {
      for (int job : line) {
        if (job < 0 || job >= n || seen[job]) {
          throw new IllegalArgumentException("the queue lines must hold each of the " + n + " jobs once; job " + job
              + (job < 0 || job >= n ? " does not exist" : " is in two places"));
        }
        seen[job] = true;
        listed++;
      }
    }
    if (listed != n) {
      throw new IllegalArgumentException("the queue lines hold " + listed + " of the " + n + " jobs");
    }
    this.lineOrder = lines.clone();
  }

  private static int[] identity(int n) {
    int[] jobs = new int[n];
    for (int i = 0; i < n; i++) {
      jobs[i] = i;
    }
    return jobs;
  }

  // --- before the run: what the journal already holds ---

  /**
   * A split the journal already holds: done from the start; false if it was already (a split
   * journaled twice). Only before the first hand-out.
   */
  public boolean resumed(int job, boolean failedRow) {
    if (lines != null) {
      throw new IllegalStateException("resumed splits must be entered before the first hand-out");
    }
    if (state[job] != QUEUED) {
      return false; // a split journaled twice (by an older version) counts once
    }
    finish(job, failedRow);
    return true;
  }

  // --- workers ---

  /** A worker joined with {@code slots} slots; returns its number. */
  public int addWorker(int slots) {
    liveSlots += slots;
    return workers.add(slots);
  }

  /**
   * A worker left or was lost: its running attempts end as failures, each retried or given up as
   * {@code onFailure} hears; the jobs it only held go back unharmed ({@link Failure#RETURNED}).
   * Later reports of it are stale.
   */
  public void removeWorker(int worker, FailureListener onFailure) {
    for (var e : new java.util.ArrayList<>(copies.entrySet())) {
      if (e.getValue().worker == worker) {
        dropCopy(e.getKey());
        onFailure.failed(e.getKey(), attempt[e.getKey()], Failure.COPY_RUNS_ON);
      }
    }
    int job = workers.head[worker];
    while (job != NONE) {
      int following = next[job];
      int attemptNo = primaryAttempt(job);
      if (state[job] == LEASED) {
        returnUnstarted(job);
        onFailure.failed(job, attemptNo, Failure.RETURNED);
      } else {
        onFailure.failed(job, attemptNo, fail(job, attemptNo, worker));
      }
      job = following;
    }
    if (!workers.gone[worker]) {
      liveSlots -= workers.slots[worker];
    }
    workers.gone[worker] = true;
  }

  /** Hears what a lease that ended by a worker's loss led to. */
  @FunctionalInterface
  public interface FailureListener {
    void failed(int job, int attempt, Failure outcome);
  }

  // --- the life of a split ---

  /** {@link #take(int, int, int[], HeadChooser)} in plan order. */
  public int take(int worker, int max, int[] out) {
    return take(worker, max, out, PLAN_ORDER);
  }

  /**
   * Hands out up to {@code max} queued jobs to {@code worker} and writes them to {@code out};
   * returns how many. Jobs queued again go first, then {@code chooser} picks among the lines'
   * heads, one job at a time. Their clock does not run until {@link #started}.
   */
  public int take(int worker, int max, int[] out, HeadChooser chooser) {
    if (workers.gone[worker]) {
      return 0;
    }
    build();
    int n = 0;
    while (n < max && n < out.length && queued > 0) {
      int job;
      if (again.size() > 0 && chooser.fits(again.peekFirst(NONE))) {
        job = again.pollFirst();
      } else if (queued > again.size()) {
        int q = chosenLine(chooser);
        if (q == HeadChooser.NONE_FITS) {
          break;
        }
        job = q >= 0 ? lines[q].pollFirst() : lines[~q].pollLast();
      } else {
        break; // only jobs queued again are left, and none suits this worker
      }
      queued--;
      state[job] = LEASED;
      attempt[job]++;
      holder[job] = worker;
      deadline[job] = 0;
      link(worker, job);
      cellLeased[cellOf[job]]++;
      leased++;
      out[n++] = job;
    }
    return n;
  }

  /** The worker started this attempt: its lease now expires at {@code deadlineNanos}. */
  public boolean started(int job, int attemptNo, int worker, long deadlineNanos) {
    Copy c = copyHeld(job, attemptNo, worker);
    if (c != null) {
      if (c.running) {
        return false;
      }
      c.running = true;
      c.deadline = deadlineNanos;
      workers.running[worker]++;
      return true;
    }
    if (!holds(job, attemptNo, worker) || state[job] != LEASED) {
      return false;
    }
    state[job] = RUNNING;
    deadline[job] = deadlineNanos;
    workers.running[worker]++;
    return true;
  }

  /**
   * A result of this attempt arrived from {@code worker}: true when it is the one the book waits
   * for (the split is now recorded, its row on the way to the journal), false for a late or
   * duplicate result, which must be dropped.
   */
  public boolean result(int job, int attemptNo, int worker) {
    if (copyHeld(job, attemptNo, worker) != null) {
      promote(job); // the copy was first: it becomes the lease that is recorded
    } else if (!holds(job, attemptNo, worker)) {
      return false;
    } else if (copies.containsKey(job)) {
      dropCopy(job);
    }
    release(job);
    state[job] = RECORDED;
    recorded++;
    return true;
  }

  /**
   * This attempt, held by {@code worker}, ended without a result (lease expired, out of memory):
   * queued again at the front, or given up after {@code maxAttempts} failures (then recorded, for
   * its error row).
   */
  public Failure fail(int job, int attemptNo, int worker) {
    if (copyHeld(job, attemptNo, worker) != null) {
      dropCopy(job);
      return Failure.COPY_RUNS_ON;
    }
    if (!holds(job, attemptNo, worker)) {
      return Failure.STALE;
    }
    if (copies.containsKey(job)) {
      failures[job]++;
      promote(job);
      return Failure.COPY_RUNS_ON;
    }
    release(job);
    failures[job]++;
    if (failures[job] < maxAttempts) {
      state[job] = QUEUED;
      queueAgain(job);
      retried++;
      return Failure.RETRY;
    }
    state[job] = RECORDED;
    recorded++;
    return Failure.GIVE_UP;
  }

  /**
   * A leaving worker handed the attempt back unfinished: queued again at the front, no failure
   * counted; a job it only held (never started) does not count as an attempt either.
   */
  public boolean handBack(int job, int attemptNo, int worker) {
    if (copyHeld(job, attemptNo, worker) != null) {
      dropCopy(job);
      return true;
    }
    if (!holds(job, attemptNo, worker)) {
      return false;
    }
    if (copies.containsKey(job)) {
      promote(job);
      return true;
    }
    if (state[job] == LEASED) {
      returnUnstarted(job);
      return true;
    }
    release(job);
    state[job] = QUEUED;
    queueAgain(job);
    retried++;
    return true;
  }

  /**
   * The worker gives back a prefetched attempt it has not started: queued first again, not counted as
   * a retry. False if the worker does not hold that attempt or has started it.
   */
  public boolean returnHeld(int job, int attemptNo, int worker) {
    Copy c = copyHeld(job, attemptNo, worker);
    if (c != null && !c.running) {
      dropCopy(job);
      return true;
    }
    if (!holds(job, attemptNo, worker) || state[job] != LEASED) {
      return false;
    }
    returnUnstarted(job);
    return true;
  }

  /** The split's row is on disk: from now on it counts as done. */
  public boolean journaled(int job, boolean failedRow) {
    if (state[job] != RECORDED) {
      return false;
    }
    recorded--;
    int w = holder[job];
    if (w != NONE) {
      workers.done[w]++;
    }
    finish(job, failedRow);
    return true;
  }

  // --- speculative copies ---

  /**
   * Starts a second copy of running split {@code job} on {@code worker} (an idle worker at the
   * run's tail, while the first runs far longer than expected); returns the copy's attempt number,
   * or -1 when the split is not running, already has a copy, or runs on that worker.
   */
  public int speculate(int job, int worker) {
    if (state[job] != RUNNING || copies.containsKey(job) || holder[job] == worker || workers.gone[worker]) {
      return -1;
    }
    copies.put(job, new Copy(worker, attempt[job]));
    attempt[job]++;
    workers.leased[worker]++;
    return attempt[job];
  }

  /** Whether {@code job} has a speculative copy out. */
  public boolean hasCopy(int job) {
    return copies.containsKey(job);
  }

  /**
   * The other lease of the split whose attempt {@code attemptNo} {@code worker} reports: the copy
   * when the primary reports, the primary when the copy does; null without a copy. The caller
   * cancels it once the report is taken.
   */
  public Lease otherLease(int job, int attemptNo, int worker) {
    Copy c = copies.get(job);
    if (c == null) {
      return null;
    }
    if (c.worker == worker && attemptNo == attempt[job]) {
      return new Lease(holder[job], c.primaryAttempt);
    }
    return holds(job, attemptNo, worker) ? new Lease(c.worker, attempt[job]) : null;
  }

  /** Every running split, with the worker running it (its primary lease), in worker order; O(leased). */
  public void forEachRunning(java.util.function.BiConsumer<Integer, Integer> jobAndWorker) {
    for (int w = 0; w < workers.count; w++) {
      for (int job = workers.head[w]; job != NONE; job = next[job]) {
        if (state[job] == RUNNING) {
          jobAndWorker.accept(job, w);
        }
      }
    }
  }

  /** Every running attempt whose deadline has passed ({@code nowNanos}); O(leased jobs), not O(splits). */
  public void forEachExpired(long nowNanos, IntConsumer expired) {
    for (int w = 0; w < workers.count; w++) {
      for (int job = workers.head[w]; job != NONE; job = next[job]) {
        if (state[job] == RUNNING && nowNanos - deadline[job] > 0) {
          expired.accept(job);
        }
      }
    }
  }

  /** The jobs {@code worker} holds now (prefetched or running; not speculative copies), in hand-out order. */
  public int[] leasedBy(int worker) {
    int n = 0;
    for (int job = workers.head[worker]; job != NONE; job = next[job]) {
      n++;
    }
    int[] out = new int[n];
    int i = 0;
    for (int job = workers.head[worker]; job != NONE; job = next[job]) {
      out[i++] = job;
    }
    return out;
  }

  /** The jobs {@code worker} has started and not yet ended, in hand-out order. */
  public int[] runningOn(int worker) {
    int[] out = new int[workers.running[worker]];
    int i = 0;
    for (int job = workers.head[worker]; job != NONE; job = next[job]) {
      if (state[job] == RUNNING) {
        out[i++] = job;
      }
    }
    for (var e : copies.entrySet()) {
      if (e.getValue().worker == worker && e.getValue().running) {
        out[i++] = e.getKey();
      }
    }
    return out;
  }

  // --- what progress reports read (all O(1)) ---

  public int total() {
    return state.length;
  }

  public int queued() {
    return lines == null ? state.length - done : queued;
  }

  public int leased() {
    return leased;
  }

  public int recordedNotJournaled() {
    return recorded;
  }

  public int done() {
    return done;
  }

  public int failedRows() {
    return failed;
  }

  public int retried() {
    return retried;
  }

  public boolean allDone() {
    return done == state.length;
  }

  public int cells() {
    return cellTotal.length;
  }

  public int cellTotal(int cell) {
    return cellTotal[cell];
  }

  public int cellDone(int cell) {
    return cellDone[cell];
  }

  public int cellLeased(int cell) {
    return cellLeased[cell];
  }

  public int cellFailed(int cell) {
    return cellFailed[cell];
  }

  /** The slots of the workers that joined and have not left. */
  public int liveSlots() {
    return liveSlots;
  }

  public int workerSlots(int worker) {
    return workers.slots[worker];
  }

  public int workerLeased(int worker) {
    return workers.leased[worker];
  }

  public int workerRunning(int worker) {
    return workers.running[worker];
  }

  public int workerDone(int worker) {
    return workers.done[worker];
  }

  /** The attempt number of the job's latest hand-out (0 before the first). */
  public int attempt(int job) {
    return primaryAttempt(job);
  }

  public int failures(int job) {
    return failures[job];
  }

  /** The worker of the job's latest hand-out, or -1. */
  public int holder(int job) {
    return holder[job];
  }

  // --- internals ---

  private boolean holds(int job, int attemptNo, int worker) {
    return (state[job] == LEASED || state[job] == RUNNING) && primaryAttempt(job) == attemptNo && holder[job] == worker;
  }

  private int primaryAttempt(int job) {
    Copy c = copies.isEmpty() ? null : copies.get(job);
    return c == null ? attempt[job] : c.primaryAttempt;
  }

  /** The copy of {@code job} if {@code worker} holds it as attempt {@code attemptNo}, else null. */
  private Copy copyHeld(int job, int attemptNo, int worker) {
    Copy c = copies.isEmpty() ? null : copies.get(job);
    return c != null && c.worker == worker && attempt[job] == attemptNo && state[job] == RUNNING ? c : null;
  }

  /**
   * The copy's lease ends and the original keeps its attempt number (a late result of the copy
   * could only be taken for a later attempt of the same split, whose result it equals).
   */
  private void dropCopy(int job) {
    Copy c = copies.remove(job);
    attempt[job] = c.primaryAttempt;
    workers.leased[c.worker]--;
    if (c.running) {
      workers.running[c.worker]--;
    }
  }

  /** The primary lease ends and the copy takes its place (same attempt number as the copy). */
  private void promote(int job) {
    Copy c = copies.remove(job);
    release(job);
    workers.leased[c.worker]--; // link counts it again
    holder[job] = c.worker;
    link(c.worker, job);
    cellLeased[cellOf[job]]++;
    leased++;
    state[job] = c.running ? RUNNING : LEASED;
    deadline[job] = c.deadline;
  }

  /**
   * A held job that never started goes back to the front of the queue as if never handed out: its
   * attempt number is rewound, so attempts count real tries. A result of the rewound number can
   * only come from the next holder (every transition checks the holder).
   */
  private void returnUnstarted(int job) {
    release(job);
    attempt[job]--;
    state[job] = QUEUED;
    queueAgain(job);
  }

  /** Ends the current lease (the holder stays recorded: a given-up row names the last worker). */
  private void release(int job) {
    int w = holder[job];
    if (state[job] == RUNNING) {
      workers.running[w]--;
    }
    unlink(w, job);
    cellLeased[cellOf[job]]--;
    leased--;
  }

  private void finish(int job, boolean failedRow) {
    state[job] = failedRow ? DONE_FAILED : DONE;
    done++;
    cellDone[cellOf[job]]++;
    if (failedRow) {
      failed++;
      cellFailed[cellOf[job]]++;
    }
  }

  /** Builds the lines at the first hand-out, so that splits resumed from the journal are left out. */
  private void build() {
    if (lines != null) {
      return;
    }
    lines = new IntDeque[lineOrder.length];
    heads = new int[lineOrder.length];
    tails = new int[lineOrder.length];
    again = new IntDeque(16);
    for (int q = 0; q < lineOrder.length; q++) {
      lines[q] = new IntDeque(lineOrder[q].length);
      for (int job : lineOrder[q]) {
        if (state[job] == QUEUED) {
          lines[q].addLast(job);
          queued++;
        }
      }
    }
    lineOrder = null;
  }

  private int chosenLine(HeadChooser chooser) {
    for (int q = 0; q < lines.length; q++) {
      heads[q] = lines[q].peekFirst(NONE);
      tails[q] = lines[q].peekLast(NONE);
    }
    int q = chooser.choose(heads, tails);
    if (q == HeadChooser.NONE_FITS) {
      return q;
    }
    int line = q >= 0 ? q : ~q;
    if (line >= lines.length || heads[line] == NONE) {
      throw new IllegalStateException("the scheduling policy chose line " + line + ", which has no job");
    }
    return q;
  }

  /** A job back in the queue (retry, hand-back, never started) goes out before every line. */
  private void queueAgain(int job) {
    build();
    again.addFirst(job);
    queued++;
  }

  private void link(int worker, int job) {
    int tail = workers.tail[worker];
    prev[job] = tail;
    next[job] = NONE;
    if (tail == NONE) {
      workers.head[worker] = job;
    } else {
      next[tail] = job;
    }
    workers.tail[worker] = job;
    workers.leased[worker]++;
  }

  private void unlink(int worker, int job) {
    int p = prev[job];
    int n = next[job];
    if (p == NONE) {
      workers.head[worker] = n;
    } else {
      next[p] = n;
    }
    if (n == NONE) {
      workers.tail[worker] = p;
    } else {
      prev[n] = p;
    }
    next[job] = NONE;
    prev[job] = NONE;
    workers.leased[worker]--;
  }

  /** Per-worker columns, grown as workers join (a few hundred at most). */
  private static final class Workers {
    int count;
    int[] slots;
    int[] head;
    int[] tail;
    int[] leased;
    int[] running;
    int[] done;
    boolean[] gone;

    Workers(int capacity) {
      slots = new int[capacity];
      head = new int[capacity];
      tail = new int[capacity];
      leased = new int[capacity];
      running = new int[capacity];
      done = new int[capacity];
      gone = new boolean[capacity];
    }

    int add(int slotCount) {
      if (count == slots.length) {
        int c = slots.length * 2;
        slots = java.util.Arrays.copyOf(slots, c);
        head = java.util.Arrays.copyOf(head, c);
        tail = java.util.Arrays.copyOf(tail, c);
        leased = java.util.Arrays.copyOf(leased, c);
        running = java.util.Arrays.copyOf(running, c);
        done = java.util.Arrays.copyOf(done, c);
        gone = java.util.Arrays.copyOf(gone, c);
      }
      slots[count] = slotCount;
      head[count] = NONE;
      tail[count] = NONE;
      return count++;
    }
  }
}
