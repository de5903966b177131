package org.soakbench.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.JobAttempt;
import org.soakbench.protocol.LocalBundles;
import org.soakbench.protocol.ServiceKeys;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;
import org.soakbench.worker.run.SplitRunner;

/**
 * A worker with a fixed number of slots. It finds the coordinator through the Receptionist,
 * registers until it is welcomed, then keeps one {@link ToCoordinator.Report} in flight: what
 * finished and started since the last one, and how many jobs it wants (free slots plus a
 * {@link PrefetchWindow}), so results and jobs travel in batches and a freed slot finds its next job
 * already here. It fetches each task's data once (chunk by chunk, one in flight) and trains on a
 * dedicated thread pool so the actor (and the node's heartbeats) never block on Smile. A report
 * left unanswered for {@code report-timeout} is sent again; a cancelled split keeps its slot busy
 * until its thread returns, for at most {@code cancel-grace}, then its thread is abandoned. On
 * {@link Leave} it stops asking, cancels what it holds and hands it back. A worker that owns its JVM
 * does the same after a split runs out of memory, so that a fresh JVM takes its place.
 */
public final class Worker extends AbstractBehavior<WorkerMessage> {

  /** Leave gracefully (sent by the node's shutdown hook); replies when the coordinator has the jobs back. */
  public record Leave(ActorRef<Done> replyTo) implements WorkerMessage {}

  private record CoordinatorListing(Receptionist.Listing listing) implements WorkerMessage {}

  private record JobFinished(SplitJob job, SplitResult result, long nanos, Chunk chunk) implements WorkerMessage {}

  private record BundleDecoded(int task, TaskBundle bundle, Throwable failure) implements WorkerMessage {}

  /** The coordinator has the splits back; {@code replyTo} (null when the worker retires by itself) is told. */
  private record LeaveAcknowledged(ActorRef<Done> replyTo) implements WorkerMessage {}

  private record AskAgain() implements WorkerMessage {}

  /** Time to see whether the held jobs wait behind splits that run far longer than usual. */
  private record CheckHeld() implements WorkerMessage {}

  private record RegisterAgain() implements WorkerMessage {}

  private record ReportStarts() implements WorkerMessage {}

  /** The report sent at {@code sentNanos} is still unanswered. */
  private record ReportTimedOut(long sentNanos) implements WorkerMessage {}

  /** A chunk's pool task returned (normally, or after a cancellation). */
  private record ChunkEnded(Chunk chunk) implements WorkerMessage {}

  /** A cancelled chunk still runs after the grace period: give up waiting for it. */
  private record Abandon(Chunk chunk) implements WorkerMessage {}

  /**
   * Starts alone wait this long for a result or a request to travel with: a report in flight for
   * them alone would hold back the result of a short split by a round trip.
   */
  static final java.time.Duration STARTS_DELAY = java.time.Duration.ofMillis(100);

  private record Running(SplitJob job, Chunk chunk) {}

  /**
   * Jobs one slot runs back to back in one pool task: short splits would otherwise spend more time
   * in hops between the actor and the pool than in training.
   */
  private static final class Chunk {
    final List<SplitJob> jobs;
    Future<?> future;
    int unfinished;
    /** When its current split started (the chunk's start, then each split's end). */
    long progressNanos = System.nanoTime();

    Chunk(List<SplitJob> jobs) {
      this.jobs = jobs;
      this.unfinished = jobs.size();
    }
  }

  /** A slot runs splits back to back until their expected time reaches this (longer ones run one at a time). */
  static final long CHUNK_NANOS = 2_000_000;
  static final int CHUNK_MAX = 256;

  static final java.time.Duration HAND_BACK_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final int slots;
  private final String name;
  private final ExecutorService pool;
  private final SplitRunner runner;
  private final WorkerSettings settings;
  private final TimerScheduler<WorkerMessage> timers;
  private final PrefetchWindow window;
  private final CompletableFuture<String> retirement;
  /** When the worker hands back and leaves (its walltime less its margin), or null. */
  private final java.time.Instant leaveAt;
  /** {@code soakbench.worker.slowdown}: a test hook that makes every split this many times as long. */
  private final double slowdown;
  /** Task data by task number, valid for {@link #cachedRun}. */
  private final Map<Integer, TaskBundle> cache = new HashMap<>();
  private String cachedRun;
  private final Map<Integer, TaskAssembly> assemblies = new HashMap<>();
  private final Map<Integer, List<SplitJob>> waitingForData = new HashMap<>();
  private int waiting;
  private final ArrayDeque<SplitJob> ready = new ArrayDeque<>();
  private final Map<Integer, Running> running = new HashMap<>();
  private final java.util.Set<Chunk> chunks = new java.util.HashSet<>();
  /** Cancelled chunks whose thread has not returned yet: their slots are still busy. */
  private final java.util.Set<Chunk> cancelling = new java.util.HashSet<>();
  /** What the report in flight carried, sent again if it is never answered. */
  private List<SplitResult> inFlightResults = List.of();
  private List<JobAttempt> inFlightStarts = List.of();
  /** Held jobs given back and not yet reported (they travel in the next report, re-sent until answered). */
  private final List<JobAttempt> unreportedReleased = new ArrayList<>();
  private List<JobAttempt> inFlightReleased = List.of();
  private final ArrayDeque<SplitResult> unreportedResults = new ArrayDeque<>();
  private final List<JobAttempt> unreportedStarts = new ArrayList<>();
  private ActorRef<CoordinatorMessage> coordinator;
  private ToWorker.Welcome welcome;
  private long reportSentNanos = -1;
  private int lastWanted;
  private boolean waitingToAskAgain;
  /** Idle slots when the coordinator last had nothing to give: only a slot idle since then asks before the timer. */
  private int idleWhenRefused;
  /** Idle slots when the last report went out: what an answer to it knew of this worker. */
  private int idleWhenReported;
  private boolean startsDue;
  private boolean stopping;

  /**
   * A worker that shares its JVM (it keeps serving after a split ran out of memory). {@code pool}
   * should grow on demand ({@link SplitThreads#pool()}), so that a split abandoned after its
   * cancellation does not hold the thread a freed slot needs; it is owned by the caller.
   */
  public static Behavior<WorkerMessage> create(int slots, String name, ExecutorService pool, SplitRunner runner) {
    return create(slots, name, pool, runner, null);
  }

  /**
   * A worker that owns its JVM when {@code retirement} is given: after a split runs out of memory it
   * reports it, hands back its other splits, stops, and completes {@code retirement} with the reason,
   * because a JVM that has thrown OutOfMemoryError may hold broken state anywhere.
   */
  public static Behavior<WorkerMessage> create(int slots, String name, ExecutorService pool, SplitRunner runner,
      CompletableFuture<String> retirement) {
    return create(slots, name, pool, runner, retirement, null);
  }

  /**
   * @param leaveAt when the worker will hand back and leave (its walltime less its margin), or null:
   *     the coordinator then gives it only splits expected to end before
   */
  public static Behavior<WorkerMessage> create(int slots, String name, ExecutorService pool, SplitRunner runner,
      CompletableFuture<String> retirement, java.time.Instant leaveAt) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Worker(ctx, timers, slots, name, pool, runner,
        retirement, WorkerSettings.from(ctx.getSystem().settings().config()), leaveAt)));
  }

  private Worker(ActorContext<WorkerMessage> ctx, TimerScheduler<WorkerMessage> timers, int slots, String name,
      ExecutorService pool, SplitRunner runner, CompletableFuture<String> retirement, WorkerSettings settings,
      java.time.Instant leaveAt) {
    super(ctx);
    this.leaveAt = leaveAt;
    this.slowdown = settings.slowdown();
    this.retirement = retirement;
    this.timers = timers;
    this.slots = slots;
    this.name = name;
    this.pool = pool;
    this.runner = runner;
    this.settings = settings;
    this.window = new PrefetchWindow(settings.prefetchMax());
    ActorRef<Receptionist.Listing> adapter = ctx.messageAdapter(Receptionist.Listing.class, CoordinatorListing::new);
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, adapter));
  }

  @Override
  public Receive<WorkerMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(CoordinatorListing.class, this::onListing)
        .onMessage(RegisterAgain.class, r -> register())
        .onMessage(ToWorker.Welcome.class, this::onWelcome)
        .onMessage(ToWorker.Assign.class, this::onAssign)
        .onMessage(ToWorker.TaskChunk.class, this::onTaskChunk)
        .onMessage(BundleDecoded.class, this::onBundleDecoded)
        .onMessage(ToWorker.Cancel.class, this::onCancel)
        .onMessage(ToWorker.Finished.class, f -> onFinished())
        .onMessage(JobFinished.class, this::onJobFinished)
        .onMessage(ReportStarts.class, r -> {
          startsDue = true;
          return report();
        })
        .onMessage(ReportTimedOut.class, this::onReportTimedOut)
        .onMessage(ChunkEnded.class, this::onChunkEnded)
        .onMessage(Abandon.class, this::onAbandon)
        .onMessage(CheckHeld.class, c -> onCheckHeld())
        .onMessage(AskAgain.class, a -> {
          waitingToAskAgain = false;
          return report();
        })
        .onMessage(Leave.class, l -> leave(l.replyTo(), null))
        .onMessage(LeaveAcknowledged.class, this::onLeaveAcknowledged)
        .build();
  }

  // --- finding and joining a coordinator ---

  private Behavior<WorkerMessage> onListing(CoordinatorListing l) {
    var found = l.listing().getServiceInstances(ServiceKeys.COORDINATOR);
    if (found.isEmpty() || stopping) {
      return this;
    }
    ActorRef<CoordinatorMessage> c = found.iterator().next();
    if (!c.equals(coordinator)) {
      // whatever the old coordinator leased us is its business no more: the new one re-plans it
      dropHeldJobs();
      coordinator = c;
      welcome = null;
      getContext().getLog().info("worker {} found coordinator {}", name, c.path());
      register();
    }
    return this;
  }

  /** Waits {@code slowdown - 1} times {@code nanos}; false if interrupted (the split was cancelled). */
  private boolean slowedDown(long nanos) {
    try {
      long extra = (long) ((slowdown - 1) * nanos);
      Thread.sleep(extra / 1_000_000, (int) (extra % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Behavior<WorkerMessage> register() {
    if (coordinator != null && welcome == null && !stopping) {
      long left = leaveAt == null ? ToCoordinator.Register.NO_WALLTIME
          : Math.max(0, java.time.Duration.between(java.time.Instant.now(), leaveAt).toMillis());
      coordinator.tell(new ToCoordinator.Register(getContext().getSelf(), slots, name, left));
      timers.startSingleTimer("register", new RegisterAgain(), settings.registerRetry());
    }
    return this;
  }

  private Behavior<WorkerMessage> onWelcome(ToWorker.Welcome w) {
    if (welcome != null || coordinator == null) {
      return this; // a second answer to a repeated registration
    }
    timers.cancel("register");
    if (!w.run().equals(cachedRun)) {
      cache.clear();
      cachedRun = w.run();
    }
    welcome = w;
    getContext().getLog().info("worker {} welcomed to run {} ({} learners)", name, w.run(), w.learners().size());
    return report();
  }

  private void dropHeldJobs() {
    cancelHeldJobs();
    assemblies.clear();
    unreportedResults.clear();
    unreportedStarts.clear();
    reportSentNanos = -1;
    inFlightResults = List.of();
    inFlightStarts = List.of();
    unreportedReleased.clear();
    inFlightReleased = List.of();
    timers.cancel("report-timeout");
    waitingToAskAgain = false;
    timers.cancel("ask-again");
  }

  /** Stops what runs and forgets every job held (running, ready or waiting for data). */
  private void cancelHeldJobs() {
    chunks.forEach(chunk -> chunk.future.cancel(true));
    chunks.clear();
    cancelling.clear();
    running.clear();
    ready.clear();
    waitingForData.clear();
    waiting = 0;
  }

  // --- reports and jobs ---

  private Behavior<WorkerMessage> onAssign(ToWorker.Assign a) {
    if (reportSentNanos >= 0) {
      window.roundTrip(System.nanoTime() - reportSentNanos);
      reportSentNanos = -1;
      inFlightResults = List.of();
      inFlightStarts = List.of();
      inFlightReleased = List.of();
      timers.cancel("report-timeout");
    }
    if (stopping) {
      return this;
    }
    for (SplitJob job : a.jobs()) {
      hold(job);
    }
    if (a.jobs().isEmpty() && lastWanted > 0) {
      // asked and got nothing: ask again later, not at once (results still go out as they come)
      waitingToAskAgain = true;
      // a split may have ended while the answer was on its way: its slot was busy for the coordinator
      idleWhenRefused = idleWhenReported;
      timers.startSingleTimer("ask-again", new AskAgain(), java.time.Duration.ofMillis(Math.max(10, a.retryMillis())));
    }
    startReady();
    return report();
  }

  /** Keeps a job until a slot is free, fetching its task's data first if need be. */
  private void hold(SplitJob job) {
    if (job.learner() < 0 || job.learner() >= welcome.learners().size() || job.measures() < 0
        || job.measures() >= welcome.measureSets().size()) {
      unreportedResults.add(SplitResult.error(job, 0, 0, 0, "the job names learner " + job.learner()
          + " or measure set " + job.measures() + ", which the welcome does not have"));
      return;
    }
    if (cache.containsKey(job.task())) {
      ready.add(job);
      return;
    }
    TaskBundle local = LocalBundles.get(getContext().getSystem()).find(welcome.run(), job.task());
    if (local != null) {
      cache.put(job.task(), local);
      getContext().getLog().info("worker {} took task {} ({} rows) from its coordinator's JVM", name,
          local.data().taskId(), local.data().rows());
      ready.add(job);
      return;
    }
    waitingForData.computeIfAbsent(job.task(), t -> new ArrayList<>()).add(job);
    waiting++;
    if (!assemblies.containsKey(job.task())) {
      assemblies.put(job.task(), new TaskAssembly());
      coordinator.tell(new ToCoordinator.FetchTask(getContext().getSelf(), job.task(), 0));
    }
  }

  private void startReady() {
    while (busySlots() < slots && !ready.isEmpty()) {
      int free = slots - busySlots();
      int n = (int) Math.max(1, Math.min(Math.min(CHUNK_MAX, ready.size() / free),
          CHUNK_NANOS / Math.max(1, window.splitNanos())));
      List<SplitJob> jobs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        jobs.add(ready.poll());
      }
      start(new Chunk(jobs));
    }
    if (!ready.isEmpty() && !timers.isTimerActive("check-held")) {
      timers.startSingleTimer("check-held", new CheckHeld(),
          java.time.Duration.ofNanos(settings.releaseHeldNanos(window.splitNanos())));
    }
  }

  /**
   * Gives the held jobs back when every slot has run its current split far longer than splits
   * usually take: they would wait behind it while another worker could run them now (the prefetch
   * window was sized on short splits; a long one among them is not foreseeable).
   */
  private Behavior<WorkerMessage> onCheckHeld() {
    if (ready.isEmpty() || stopping) {
      return this;
    }
    long now = System.nanoTime();
    long limit = settings.releaseHeldNanos(window.splitNanos());
    long youngest = youngestSplitNanos(now);
    if (busySlots() < slots || youngest < limit) {
      // a slot frees soon, or did: look again when the youngest split reaches the limit
      timers.startSingleTimer("check-held", new CheckHeld(),
          java.time.Duration.ofNanos(Math.max(1_000_000, limit - youngest)));
      return this;
    }
    for (SplitJob job : ready) {
      unreportedReleased.add(new JobAttempt(job.job(), job.attempt()));
    }
    getContext().getLog().debug("worker {}: gave back {} held jobs waiting behind splits running for {} ms", name,
        ready.size(), youngest / 1_000_000);
    ready.clear();
    return report();
  }

  /** How long the most recently started split on a busy slot has run. */
  private long youngestSplitNanos(long now) {
    long youngest = Long.MAX_VALUE;
    for (Chunk c : chunks) {
      youngest = Math.min(youngest, now - c.progressNanos);
    }
    return youngest;
  }

  /** Every busy slot runs a split that has gone on far longer than splits usually take. */
  private boolean stalled() {
    return !chunks.isEmpty() && busySlots() >= slots
        && youngestSplitNanos(System.nanoTime()) >= settings.releaseHeldNanos(window.splitNanos());
  }

  private void start(Chunk chunk) {
    ActorRef<WorkerMessage> self = getContext().getSelf();
    List<TaskBundle> bundles = chunk.jobs.stream().map(j -> cache.get(j.task())).toList();
    ToWorker.Welcome w = welcome;
    chunk.future = pool.submit(() -> {
      try {
        for (int i = 0; i < chunk.jobs.size() && !Thread.currentThread().isInterrupted(); i++) {
          SplitJob job = chunk.jobs.get(i);
          long t0 = System.nanoTime();
          SplitResult result;
          try {
            result = runner.run(bundles.get(i), w.learners().get(job.learner()), w.measureSets().get(job.measures()),
                job);
          } catch (Throwable t) {
            result = SplitResult.error(job, 0, 0, 0, "worker failure: " + t);
          }
          if (slowdown > 1 && !slowedDown(System.nanoTime() - t0)) {
            break; // cancelled while slowed down: its result is not wanted
          }
          self.tell(new JobFinished(job, result, System.nanoTime() - t0, chunk));
        }
      } finally {
        self.tell(new ChunkEnded(chunk));
      }
    });
    chunks.add(chunk);
    for (SplitJob job : chunk.jobs) {
      running.put(job.job(), new Running(job, chunk));
      unreportedStarts.add(new JobAttempt(job.job(), job.attempt()));
    }
  }

  /** The slot of this chunk is free once none of its jobs is left to wait for. */
  private void finishedOne(Chunk chunk) {
    if (--chunk.unfinished == 0) {
      chunks.remove(chunk);
    }
  }

  private Behavior<WorkerMessage> onJobFinished(JobFinished f) {
    Running r = running.get(f.job().job());
    if (r == null || r.job().attempt() != f.job().attempt() || r.chunk() != f.chunk()) {
      return this; // cancelled or handed back: the coordinator no longer waits for it
    }
    running.remove(f.job().job());
    r.chunk().progressNanos = System.nanoTime();
    finishedOne(r.chunk());
    window.split(f.nanos());
    unreportedResults.add(f.result());
    if (stopping) {
      return running.isEmpty() ? Behaviors.stopped() : this;
    }
    if (f.result().outOfMemory() && retirement != null) {
      String why = "split " + f.job().job() + " ran out of memory";
      getContext().getLog().error("worker {}: {}; handing back the other splits and leaving for a fresh JVM", name, why);
      return leave(null, why);
    }
    startReady();
    return report();
  }

  /** Slots running a chunk, or still held by a cancelled one that has not stopped yet. */
  private int busySlots() {
    return chunks.size() + cancelling.size();
  }

  /**
   * How many more jobs the worker takes: free slots plus the prefetch window, less what it holds; a
   * slot still held by a cancelled split is not free.
   */
  private int wanted() {
    if (stalled()) {
      return 0; // what it would hold now would only wait behind the long splits
    }
    return Math.max(0, slots + window.size(slots) - running.size() - ready.size() - waiting - cancelling.size());
  }

  /** Slots with nothing to run and nothing held for them. */
  private int idleSlots() {
    return Math.max(0, slots - busySlots() - ready.size() - waiting);
  }

  /** Sends the next report if none is in flight and there is something to say. */
  private Behavior<WorkerMessage> report() {
    if (stopping || coordinator == null || welcome == null || reportSentNanos >= 0) {
      return this;
    }
    // while waiting to ask again, a slot that ran dry since the refusal still asks at once: the
    // refusal may only have withheld prefetch (the queue's tail is shared), not work for a free slot
    int wanted = !waitingToAskAgain ? wanted() : idleSlots() > idleWhenRefused ? idleSlots() : 0;
    if (unreportedResults.isEmpty() && unreportedReleased.isEmpty() && wanted == 0) {
      if (!unreportedStarts.isEmpty() && !startsDue) {
        // a lease clock only needs to start soon, not at once
        if (!timers.isTimerActive("starts")) {
          timers.startSingleTimer("starts", new ReportStarts(), STARTS_DELAY);
        }
        return this;
      }
      if (unreportedStarts.isEmpty()) {
        return this;
      }
    }
    timers.cancel("starts");
    startsDue = false;
    sendReport(wanted);
    lastWanted = wanted;
    idleWhenReported = idleSlots();
    reportSentNanos = System.nanoTime();
    timers.startSingleTimer("report-timeout", new ReportTimedOut(reportSentNanos), settings.reportTimeout());
    return this;
  }

  /** No answer: the report (or its answer) was lost; what it carried goes out again with the next one. */
  private Behavior<WorkerMessage> onReportTimedOut(ReportTimedOut t) {
    if (reportSentNanos != t.sentNanos() || stopping) {
      return this;
    }
    getContext().getLog().warn("worker {}: no answer to a report of {} results within {}; sending it again", name,
        inFlightResults.size(), settings.reportTimeout());
    for (int i = inFlightResults.size() - 1; i >= 0; i--) {
      unreportedResults.addFirst(inFlightResults.get(i));
    }
    unreportedStarts.addAll(0, inFlightStarts);
    unreportedReleased.addAll(0, inFlightReleased);
    inFlightResults = List.of();
    inFlightStarts = List.of();
    inFlightReleased = List.of();
    reportSentNanos = -1;
    startsDue = true;
    return report();
  }

  /** One report of what is unreported, cut to {@code report-max-results} and {@code report-max-bytes}. */
  private void sendReport(int wanted) {
    List<SplitResult> results = new ArrayList<>(Math.min(unreportedResults.size(), settings.reportMaxResults()));
    int bytes = 256 + 12 * (unreportedStarts.size() + unreportedReleased.size());
    while (!unreportedResults.isEmpty() && results.size() < settings.reportMaxResults()
        && (results.isEmpty() || bytes + unreportedResults.peek().wireBytesBound() <= settings.reportMaxBytes())) {
      SplitResult r = unreportedResults.poll();
      bytes += r.wireBytesBound();
      results.add(r);
    }
    List<JobAttempt> starts = List.copyOf(unreportedStarts);
    List<JobAttempt> released = List.copyOf(unreportedReleased);
    coordinator.tell(new ToCoordinator.Report(getContext().getSelf(), results, starts, wanted, released));
    unreportedStarts.clear();
    unreportedReleased.clear();
    inFlightResults = results;
    inFlightStarts = starts;
    inFlightReleased = released;
  }

  // --- task data ---

  private Behavior<WorkerMessage> onTaskChunk(ToWorker.TaskChunk chunk) {
    TaskAssembly assembly = assemblies.get(chunk.task());
    if (assembly == null) {
      return this;
    }
    byte[] all;
    try {
      all = assembly.add(chunk);
    } catch (IllegalStateException e) {
      getContext().getLog().warn("worker {}: {}; fetching the task again", name, e.getMessage());
      assemblies.put(chunk.task(), new TaskAssembly());
      coordinator.tell(new ToCoordinator.FetchTask(getContext().getSelf(), chunk.task(), 0));
      return this;
    }
    if (all == null) {
      coordinator.tell(new ToCoordinator.FetchTask(getContext().getSelf(), chunk.task(), assembly.next()));
      return this;
    }
    // decoding a large data set takes a while: not on the actor's thread
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> TaskBundleCodec.decode(all)),
        (bundle, failure) -> new BundleDecoded(chunk.task(), bundle, failure));
    return this;
  }

  private Behavior<WorkerMessage> onBundleDecoded(BundleDecoded d) {
    if (assemblies.remove(d.task()) == null) {
      return this; // asked for under an earlier coordinator
    }
    List<SplitJob> jobs = waitingForData.remove(d.task());
    jobs = jobs == null ? List.of() : jobs;
    waiting -= jobs.size();
    if (d.failure() != null) {
      getContext().getLog().error("worker {}: cannot decode task {}: {}", name, d.task(), d.failure().toString());
      boolean outOfMemory = causedByOutOfMemory(d.failure());
      for (SplitJob job : jobs) {
        unreportedResults.add(SplitResult.error(job, 0, 0, 0,
            outOfMemory ? SplitResult.OUT_OF_MEMORY : "task data could not be decoded: " + d.failure()));
      }
      if (outOfMemory && retirement != null && !stopping) {
        return leave(null, "task " + d.task() + " did not fit in memory");
      }
      return report();
    }
    cache.put(d.task(), d.bundle());
    getContext().getLog().info("worker {} cached task {} ({} rows)", name, d.bundle().data().taskId(),
        d.bundle().data().rows());
    ready.addAll(jobs);
    startReady();
    return report();
  }

  private static boolean causedByOutOfMemory(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  // --- cancelling, finishing, leaving ---

  private Behavior<WorkerMessage> onCancel(ToWorker.Cancel c) {
    Running r = running.get(c.job());
    if (r != null && r.job().attempt() == c.attempt()) {
      // stop the slot; the chunk's other unfinished jobs keep their attempts and start again
      Chunk chunk = r.chunk();
      chunk.future.cancel(true);
      chunks.remove(chunk);
      // the slot stays busy until the thread returns: a learner may ignore the interrupt
      cancelling.add(chunk);
      timers.startSingleTimer(chunk, new Abandon(chunk), settings.cancelGrace());
      List<SplitJob> again = new ArrayList<>();
      for (SplitJob j : chunk.jobs) {
        Running other = running.get(j.job());
        if (other != null && other.chunk() == chunk) {
          running.remove(j.job());
          if (j.job() != c.job()) {
            again.add(j);
          }
        }
      }
      for (int i = again.size() - 1; i >= 0; i--) {
        ready.addFirst(again.get(i));
      }
      getContext().getLog().warn("worker {} cancelled split {} attempt {} ({})", name, c.job(), c.attempt(), c.reason());
    }
    ready.removeIf(j -> j.job() == c.job() && j.attempt() == c.attempt());
    startReady();
    return report();
  }

  private Behavior<WorkerMessage> onChunkEnded(ChunkEnded e) {
    if (cancelling.remove(e.chunk())) {
      timers.cancel(e.chunk());
      startReady();
      return report();
    }
    return this;
  }

  private Behavior<WorkerMessage> onAbandon(Abandon a) {
    if (cancelling.remove(a.chunk())) {
      getContext().getLog().warn("worker {}: a cancelled split still runs after {} (its learner ignores interrupts); "
          + "its thread is abandoned and a new thread takes the slot", name, settings.cancelGrace());
      startReady();
      return report();
    }
    return this;
  }

  private Behavior<WorkerMessage> onFinished() {
    stopping = true;
    ready.clear();
    getContext().getLog().info("worker {}: run finished", name);
    return running.isEmpty() ? Behaviors.stopped() : this;
  }

  /** Stops asking and hands back every job it holds; {@code retiring} is set when leaving by itself. */
  private Behavior<WorkerMessage> leave(ActorRef<Done> replyTo, String retiring) {
    stopping = true;
    if (retiring != null) {
      retirement.complete(retiring);
    }
    List<JobAttempt> held = new ArrayList<>();
    running.values().forEach(r -> held.add(new JobAttempt(r.job().job(), r.job().attempt())));
    ready.forEach(j -> held.add(new JobAttempt(j.job(), j.attempt())));
    waitingForData.values().forEach(jobs -> jobs.forEach(j -> held.add(new JobAttempt(j.job(), j.attempt()))));
    cancelHeldJobs();
    getContext().getLog().info("worker {} leaving; handing back {} splits", name, held.size());
    if (coordinator == null || welcome == null) {
      return onLeaveAcknowledged(new LeaveAcknowledged(replyTo));
    }
    // what finished is reported first (messages between two actors keep their order), then handed back
    while (!unreportedResults.isEmpty() || !unreportedStarts.isEmpty() || !unreportedReleased.isEmpty()) {
      sendReport(0);
    }
    // the hand-back's answer also proves every earlier report reached the coordinator
    ActorRef<CoordinatorMessage> c = coordinator;
    getContext().ask(ToWorker.HandedBack.class, c, HAND_BACK_TIMEOUT,
        ack -> new ToCoordinator.HandBack(getContext().getSelf(), held, ack),
        (ack, failure) -> new LeaveAcknowledged(replyTo));
    return this;
  }

  private Behavior<WorkerMessage> onLeaveAcknowledged(LeaveAcknowledged a) {
    if (a.replyTo() != null) {
      a.replyTo().tell(Done.getInstance());
    }
    return Behaviors.stopped();
  }
}
