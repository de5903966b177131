package org.soakbench.coordinator.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.soakbench.coordinator.book.JobBook;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.record.SplitRecord;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.PlannedSplit;
import org.soakbench.coordinator.plan.PlannedTask;
import org.soakbench.coordinator.schedule.CostAccount;
import org.soakbench.coordinator.schedule.CostModel;
import org.soakbench.coordinator.schedule.ExpectedSeconds;
import org.soakbench.coordinator.schedule.LongestFirst;
import org.soakbench.coordinator.schedule.PrefetchShare;
import org.soakbench.coordinator.schedule.RemainingWork;
import org.soakbench.coordinator.schedule.RetryPolicy;
import org.soakbench.coordinator.schedule.SplitHints;
import org.soakbench.coordinator.schedule.SplitSizes;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.JobAttempt;
import org.soakbench.protocol.LocalBundles;
import org.soakbench.protocol.ServiceKeys;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;

/**
 * Hands split jobs to workers that ask for them, holds a lease per handed-out job, and records each
 * split exactly once. Each worker sends one {@link ToCoordinator.Report} at a time (results, starts,
 * how many more it wants) and gets one {@link ToWorker.Assign} back, so jobs and results travel in
 * batches and a worker's prefetch window hides the round trip. A lease's clock runs from the moment
 * the worker reports the attempt started. A job goes back to the queue when its worker stops or
 * leaves, or when its lease expires (the worker is told to cancel it); after {@code max-attempts}
 * failures it becomes an error row. Late and duplicate results are dropped. A split counts as done
 * once the collector has it on disk; the run ends when every split is, or stops when the journal
 * cannot be written. Every split's state (and the retry decision) is the {@link JobBook}'s; this
 * actor moves messages.
 */
public final class Coordinator extends AbstractBehavior<CoordinatorMessage> {

  /** The collector has written the outputs. */
  private record OutputsWritten(Collector.Written written) implements CoordinatorMessage {}

  /** The collector has journaled a split (or could not). */
  private record JournalWritten(Collector.Journaled journaled) implements CoordinatorMessage {}

  /** A watched worker stopped (crash, leave or node removal). */
  private record WorkerGone(ActorRef<WorkerMessage> worker) implements CoordinatorMessage {}

  /** Time to look for expired leases. */
  private record CheckLeases() implements CoordinatorMessage {}

  /** Time to publish the progress on the node's {@link ProgressBoard}. */
  private record PublishProgress() implements CoordinatorMessage {}

  /** A task bundle serialised once for all workers, with its digest. */
  private record Encoded(byte[] bytes, String sha256) {}

  /**
   * A registered worker: its node name, slot count, number in the job book and, when it has a
   * walltime, when it hands back and leaves ({@code Long.MAX_VALUE}: never).
   */
  private record WorkerInfo(String node, int slots, int index, long leaveAtNanos) {}

  /** Asks where the run stands (answered locally, for the progress endpoint and the console). */
  public record GetProgress(ActorRef<Progress> replyTo) implements CoordinatorMessage {}

  /** Asks for the live statistics; forwarded to the collector. */
  public record GetStats(ActorRef<Collector.LiveStats> replyTo) implements CoordinatorMessage {}

  /** Asks for a live figure; forwarded to the collector. */
  public record GetFigure(Collector.Figure.Kind kind, ActorRef<Collector.Figure> replyTo) implements CoordinatorMessage {}

  /**
   * Coordinator settings that are not part of the experiment: {@code resumed} are splits a journal
   * already holds, {@code hints} per job the seconds an earlier run took ({@link SplitHints}; NaN:
   * none), or null.
   */
  public record Settings(int minWorkers, ResumedJobs resumed, double[] hints) {
    public Settings(int minWorkers, ResumedJobs resumed) {
      this(minWorkers, resumed, null);
    }

    public static Settings defaults() {
      return new Settings(0, ResumedJobs.NONE, null);
    }
  }

  private final PlannedExperiment plan;
  private final ActorRef<Collector.Command> collector;
  private final CompletableFuture<RunOutcome> outcome;
  private final Settings settings;
  private final DispatchSettings dispatch;
  private final RetryPolicy retries;
  private final CostModel costs;
  private final CostAccount account;
  private final RemainingWork remaining;
  private final SplitSizes sizes;
  private final ExpectedSeconds expected;
  private final JobBook.HeadChooser order;
  private final ToWorker.Welcome welcome;
  private final int[] measureSetOf;
  private final Map<Integer, Encoded> encoded = new HashMap<>();
  private final JobBook book;
  private final long[] startedAtMillis;
  private final Map<ActorRef<WorkerMessage>, WorkerInfo> workers = new HashMap<>();
  /** Reports left unanswered while the journal is behind (worker to the jobs it wanted), in arrival order. */
  private final Map<ActorRef<WorkerMessage>, Integer> deferred = new java.util.LinkedHashMap<>();
  private final List<ActorRef<WorkerMessage>> workerRefs = new ArrayList<>();
  private final int total;
  private final RunTally tally;
  private final ActorRef<Collector.Journaled> journalAcks;
  private final ProgressBoard board;
  /** Records of the message being handled, sent to the collector together when it is done. */
  private final List<Collector.Record> toJournal = new ArrayList<>();
  private boolean finishing;
  private boolean started;

  public static Behavior<CoordinatorMessage> create(PlannedExperiment plan, ActorRef<Collector.Command> collector,
      CompletableFuture<RunOutcome> outcome, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Coordinator(ctx, timers, plan, collector, outcome,
        settings, DispatchSettings.from(ctx.getSystem().settings().config()))));
  }

  private Coordinator(ActorContext<CoordinatorMessage> ctx, TimerScheduler<CoordinatorMessage> timers,
      PlannedExperiment plan, ActorRef<Collector.Command> collector, CompletableFuture<RunOutcome> outcome,
      Settings settings, DispatchSettings dispatch) {
    super(ctx);
    this.plan = plan;
    this.collector = collector;
    this.outcome = outcome;
    this.settings = settings;
    this.dispatch = dispatch;
    this.sizes = SplitSizes.of(plan);
    this.costs = costModel(plan, sizes);
    this.account = new CostAccount(plan.learners().size());
    this.remaining = new RemainingWork(sizes);
    this.expected = new ExpectedSeconds(costs, sizes, settings.hints());
    this.retries = new RetryPolicy(plan.experiment().execution(), plan.learners(), costs);
    this.total = plan.splits();
    PlannedExperiment.MeasureSets sets = plan.measureSets();
    this.measureSetOf = sets.ofTask();
    this.welcome = new ToWorker.Welcome(plan.fingerprint(), plan.learners(), sets.sets());
    this.tally = new RunTally(plan);
    this.book = dispatch.longestFirst()
        ? new JobBook(tally.cellOf(), tally.cells(), retries.maxAttempts(), LongestFirst.lines(sizes, settings.hints()))
        : new JobBook(tally.cellOf(), tally.cells(), retries.maxAttempts());
    this.order = dispatch.longestFirst() ? new LongestFirst(costs, sizes, settings.hints()) : JobBook.PLAN_ORDER;
    this.startedAtMillis = new long[total];
    resume(settings.resumed());
    this.journalAcks = ctx.messageAdapter(Collector.Journaled.class, JournalWritten::new);
    LocalBundles.get(ctx.getSystem()).publish(plan.fingerprint(), plan.tasks().stream().map(PlannedTask::bundle).toList());
    ctx.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, ctx.getSelf()));
    timers.startTimerWithFixedDelay(new CheckLeases(), dispatch.leaseCheck());
    this.board = ProgressBoard.get(ctx.getSystem());
    board.publish(progress());
    timers.startTimerWithFixedDelay(new PublishProgress(), dispatch.progressEvery());
    ctx.getLog().info("experiment {}: {} splits ({} tasks x {} learners), max-attempts {}", plan.experiment().name(),
        total, plan.tasks().size(), plan.learners().size(), retries.maxAttempts());
    if (book.allDone()) {
      finish();
    }
  }

  /** Marks the splits a journal already holds as done. */
  private void resume(ResumedJobs resumed) {
    for (int i = 0; i < resumed.jobs().length; i++) {
      if (book.resumed(resumed.jobs()[i], resumed.failed(i))) {
        remaining.done(resumed.jobs()[i]);
      }
    }
    if (book.done() > 0) {
      getContext().getLog().info("resuming: {} of {} splits already in the journal", book.done(), total);
    }
  }

  @Override
  public Receive<CoordinatorMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(ToCoordinator.class, m -> InboundCheck.problem(m) != null, this::onMalformed)
        .onMessage(ToCoordinator.Register.class, this::onRegister)
        .onMessage(ToCoordinator.Report.class, this::onReport)
        .onMessage(ToCoordinator.FetchTask.class, this::onFetchTask)
        .onMessage(ToCoordinator.HandBack.class, this::onHandBack)
        .onMessage(WorkerGone.class, g -> onWorkerGone(g.worker()))
        .onMessage(CheckLeases.class, c -> onCheckLeases())
        .onMessage(JournalWritten.class, this::onJournalWritten)
        .onMessage(OutputsWritten.class, this::onOutputsWritten)
        .onMessage(PublishProgress.class, p -> {
          board.publish(progress());
          return this;
        })
        .onMessage(GetProgress.class, g -> {
          g.replyTo().tell(progress());
          return this;
        })
        .onMessage(GetStats.class, g -> {
          collector.tell(new Collector.GetStats(g.replyTo()));
          return this;
        })
        .onMessage(GetFigure.class, g -> {
          collector.tell(new Collector.GetFigure(g.kind(), g.replyTo()));
          return this;
        })
        .onSignal(PostStop.class, s -> {
          LocalBundles.get(getContext().getSystem()).withdraw(plan.fingerprint());
          return this;
        })
        .build();
  }

  private Behavior<CoordinatorMessage> onMalformed(ToCoordinator m) {
    getContext().getLog().warn("dropped {}: {}", m.getClass().getSimpleName(), InboundCheck.problem(m));
    return this;
  }

  private Behavior<CoordinatorMessage> onRegister(ToCoordinator.Register r) {
    if (finishing) {
      // the run is over: a worker that finds this coordinator now (a --stay worker back for the next
      // run) hears so and is not counted as joining it
      r.worker().tell(new ToWorker.Finished());
      return this;
    }
    if (!workers.containsKey(r.worker())) {
      long leaveAt = r.millisLeft() == ToCoordinator.Register.NO_WALLTIME ? Long.MAX_VALUE
          : System.nanoTime() + r.millisLeft() * 1_000_000;
      workers.put(r.worker(), new WorkerInfo(r.node(), r.slots(), book.addWorker(r.slots()), leaveAt));
      workerRefs.add(r.worker());
      getContext().watchWith(r.worker(), new WorkerGone(r.worker()));
      getContext().getLog().info("worker joined: {} with {} slots{} ({} workers)", r.node(), r.slots(),
          leaveAt == Long.MAX_VALUE ? "" : ", leaving in " + r.millisLeft() / 1000 + " s", workers.size());
    }
    r.worker().tell(welcome);
    return this;
  }

  private Behavior<CoordinatorMessage> onReport(ToCoordinator.Report r) {
    WorkerInfo w = workers.get(r.worker());
    if (w == null) {
      getContext().getLog().info("dropped a report of {} results from unregistered worker {}", r.results().size(),
          r.worker().path());
      r.worker().tell(finishing ? new ToWorker.Finished() : welcome);
      return this;
    }
    long now = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    for (JobAttempt s : r.started()) {
      if (!known(s.job())) {
        continue;
      }
      boolean original = book.attempt(s.job()) == s.attempt();
      if (book.started(s.job(), s.attempt(), w.index(), now + leaseTimeout(s.job()).toNanos()) && original) {
        startedAtMillis[s.job()] = nowMillis; // a speculative copy's start leaves the original's time
      }
    }
    // in reverse, so that the given-back jobs lead the queue in the order they were held
    for (int i = r.released().size() - 1; i >= 0; i--) {
      JobAttempt a = r.released().get(i);
      if (known(a.job())) {
        book.returnHeld(a.job(), a.attempt(), w.index());
      }
    }
    List<SplitResult> accepted = new ArrayList<>(r.results().size());
    for (SplitResult result : r.results()) {
      if (accept(w, result)) {
        accepted.add(result);
      }
    }
    // the worker's next jobs go out first: building the records of its results is not on its critical path
    if (!finishing) {
      if (book.recordedNotJournaled() >= dispatch.journalBacklog()) {
        // the answer waits for the journal: the worker sends nothing more until then
        deferred.put(r.worker(), r.wanted());
      } else {
        r.worker().tell(assign(w, r.wanted(), now));
      }
    }
    for (SplitResult result : accepted) {
      record(plan.split(result.job()), result);
    }
    journalRecorded();
    if (finishing) {
      r.worker().tell(new ToWorker.Finished());
    }
    return this;
  }

  /** Up to {@code wanted} queued jobs for worker {@code w} (none while too few workers have joined). */
  private ToWorker.Assign assign(WorkerInfo w, int wanted, long now) {
    int share = PrefetchShare.allowed(wanted, book.workerSlots(w.index()), book.workerLeased(w.index()), book.queued(),
        book.liveSlots());
    int max = Math.min(share, dispatch.assignMax());
    int[] taken = new int[max];
    // --min-workers gates the start only: once reached, a worker lost later does not stop the others
    started |= workers.size() >= settings.minWorkers();
    int n = started ? book.take(w.index(), max, taken, orderFor(w, now)) : 0;
    List<SplitJob> jobs = new ArrayList<>(n);
    long seed = plan.experiment().seed();
    for (int i = 0; i < n; i++) {
      PlannedSplit s = plan.split(taken[i]);
      jobs.add(new SplitJob(s.job(), book.attempt(s.job()), s.taskIndex(), s.learnerIndex(), s.iteration(),
          measureSetOf[s.taskIndex()], s.seed(seed)));
    }
    int free = book.workerSlots(w.index()) - book.workerLeased(w.index());
    if (started && free > 0 && book.queued() == 0 && dispatch.speculation() && !finishing) {
      speculate(w, Math.min(free, Math.max(0, wanted - n)), jobs);
    }
    if (jobs.isEmpty()) {
      return new ToWorker.Assign(List.of(), wanted > 0 ? dispatch.retryPull().toMillis() : 0);
    }
    tally.handedOut(now);
    return new ToWorker.Assign(jobs, 0);
  }

  /**
   * The queue is empty and {@code w} has free slots: copies of the splits that run far longer than
   * expected elsewhere (a slow or overloaded machine), most overdue first, at most {@code room}.
   */
  private void speculate(WorkerInfo w, int room, List<SplitJob> jobs) {
    if (room <= 0) {
      return;
    }
    record Overdue(int job, double elapsed, double expected) {
      double ratio() {
        return elapsed / Math.max(expected, 1e-9);
      }
    }
    long nowMillis = System.currentTimeMillis();
    double after = dispatch.speculationAfter().toNanos() / 1e9;
    List<Overdue> overdue = new ArrayList<>();
    book.forEachRunning((job, holder) -> {
      if (holder == w.index() || book.hasCopy(job) || startedAtMillis[job] == 0) {
        return;
      }
      double seconds = expected.of(job);
      double elapsed = (nowMillis - startedAtMillis[job]) / 1000.0;
      if (!Double.isNaN(seconds) && elapsed > dispatch.speculationFactor() * seconds && elapsed - seconds > after) {
        overdue.add(new Overdue(job, elapsed, seconds));
      }
    });
    overdue.sort(java.util.Comparator.comparingDouble(Overdue::ratio).reversed());
    long seed = plan.experiment().seed();
    for (Overdue o : overdue.subList(0, Math.min(room, overdue.size()))) {
      int job = o.job();
      int attempt = book.speculate(job, w.index());
      if (attempt > 0) {
        PlannedSplit s = plan.split(job);
        getContext().getLog().info("speculating: {} has run {} s on {}, {} s expected; a copy goes to {}", s.id(),
            Math.round(o.elapsed() * 10) / 10.0, who(workerRefs.get(book.holder(job))),
            Math.round(o.expected() * 100) / 100.0, w.node());
        jobs.add(new SplitJob(job, attempt, s.taskIndex(), s.learnerIndex(), s.iteration(), measureSetOf[s.taskIndex()],
            s.seed(seed)));
      }
    }
  }

  /** The hand-out order for {@code w}: with a walltime, only splits expected to end before it leaves. */
  private JobBook.HeadChooser orderFor(WorkerInfo w, long now) {
    if (w.leaveAtNanos() == Long.MAX_VALUE || !(order instanceof LongestFirst longest)) {
      return order;
    }
    return longest.within(Math.max(0, w.leaveAtNanos() - now) / 1e9);
  }

  /** Takes a result into the book; true if it is the one to record (then {@link #record} it). */
  private boolean accept(WorkerInfo w, SplitResult r) {
    if (!known(r.job())) {
      getContext().getLog().warn("dropped a result for split number {} from {}: the plan has {} splits", r.job(),
          w.node(), total);
      return false;
    }
    int job = r.job();
    if (r.outOfMemory()) {
      // memory depends on the worker (its heap, what else ran there): try again, like a lost worker
      failed(job, book.fail(job, r.attempt(), w.index()), "out of memory on worker " + w.node());
      return false;
    }
    if (r.processDied()) {
      // an R or Python interpreter that quit or crashed: the attempt is lost, as with a lost worker
      failed(job, book.fail(job, r.attempt(), w.index()), r.error() + " on worker " + w.node());
      return false;
    }
    JobBook.Lease other = book.otherLease(job, r.attempt(), w.index());
    if (!book.result(job, r.attempt(), w.index())) {
      getContext().getLog().info("dropped late or duplicate result of {} attempt {} from {}", plan.split(job).id(),
          r.attempt(), w.node());
      return false;
    }
    PlannedSplit split = plan.split(job);
    if (other != null) {
      ActorRef<WorkerMessage> loser = workerRefs.get(other.worker());
      getContext().getLog().info("{}: the copy on {} finished first; the one on {} is cancelled", split.id(), w.node(),
          who(loser));
      loser.tell(new ToWorker.Cancel(job, other.attempt(), ToWorker.Cancel.COPY_FINISHED));
    }
    if (!r.failed()) {
      double size = sizes.of(split.taskIndex(), split.iteration());
      double seconds = r.trainSeconds() + r.predictSeconds();
      account.add(split.learnerIndex(), costs.predict(split.learnerIndex(), size), seconds);
      costs.observe(split.learnerIndex(), size, seconds);
    } else {
      getContext().getLog().warn("split {} failed on {}: {}", split.id(), w.node(), r.error());
    }
    return true;
  }

  private List<CostAccount.Line> costLines() {
    return account.lines(plan.learners().stream().map(l -> l.id()).toList(), costs);
  }

  /** The cost model, started from the learners' {@code expected-seconds} hints where given. */
  private static CostModel costModel(PlannedExperiment plan, SplitSizes sizes) {
    int n = plan.learners().size();
    double[] hints = new double[n];
    double[] largest = new double[n];
    for (int l = 0; l < n; l++) {
      hints[l] = plan.experiment().execution().expectedSeconds().getOrDefault(plan.learners().get(l).id(), Double.NaN);
      largest[l] = sizes.largest();
    }
    return new CostModel(hints, largest);
  }

  private boolean known(int job) {
    return job >= 0 && job < total;
  }

  private java.time.Duration leaseTimeout(int job) {
    PlannedSplit split = plan.split(job);
    return retries.leaseTimeout(split.learnerIndex(), sizes.of(split.taskIndex(), split.iteration()));
  }

  /** The book has the split as recorded: send its row to the collector. */
  private void record(PlannedSplit split, SplitResult r) {
    int job = split.job();
    int holder = book.holder(job);
    WorkerInfo w = holder < 0 ? null : workers.get(workerRefs.get(holder));
    String node = holder < 0 ? "coordinator" : who(workerRefs.get(holder));
    tally.recorded(split.id(), node, r);
    remaining.done(job);
    long nowMillis = System.currentTimeMillis();
    long started = startedAtMillis[job] == 0 ? nowMillis : startedAtMillis[job];
    toJournal.add(new Collector.Record(job, SplitRecord.of(split, book.attempt(job), r, node,
        w == null ? 1 : w.slots(), started, nowMillis)));
  }

  /** Sends what was recorded while handling the current message to the collector, in one batch. */
  private void journalRecorded() {
    if (!toJournal.isEmpty()) {
      collector.tell(new Collector.Append(List.copyOf(toJournal), journalAcks));
      toJournal.clear();
    }
  }

  private Behavior<CoordinatorMessage> onJournalWritten(JournalWritten w) {
    Collector.Journaled j = w.journaled();
    if (finishing) {
      return this;
    }
    if (j.problem() != null) {
      // going on would compute results that a crash could lose: stop, the journal so far stays resumable
      getContext().getLog().error("stopping the run: {}", j.problem());
      finishing = true;
      workers.keySet().forEach(worker -> worker.tell(new ToWorker.Finished()));
      board.publish(progress());
      outcome.complete(new RunOutcome(book.done(), book.failedRows(), j.problem(), tally.makespanSeconds(),
          costLines()));
      return this;
    }
    boolean any = false;
    for (Collector.Record r : j.records()) {
      any |= book.journaled(r.job(), r.record().failed());
    }
    if (any) {
      tally.journaled(System.nanoTime());
    }
    if (book.allDone()) {
      finish();
    } else if (!deferred.isEmpty() && book.recordedNotJournaled() < dispatch.journalBacklog()) {
      answerDeferred();
    }
    return this;
  }

  /** The journal has caught up: the reports held back get their answers, oldest first. */
  private void answerDeferred() {
    long now = System.nanoTime();
    var held = new ArrayList<>(deferred.entrySet());
    deferred.clear();
    for (var e : held) {
      WorkerInfo w = workers.get(e.getKey());
      if (w != null) {
        e.getKey().tell(assign(w, e.getValue(), now));
      }
    }
  }

  private Behavior<CoordinatorMessage> onFetchTask(ToCoordinator.FetchTask f) {
    if (!workers.containsKey(f.worker())) {
      // task data goes to registered (and so watched) workers only
      getContext().getLog().warn("dropped a request for task number {} from unregistered {}", f.task(), f.worker().path());
      return this;
    }
    if (f.task() < 0 || f.task() >= plan.tasks().size()) {
      getContext().getLog().warn("worker {} asked for task number {} of {}", f.worker().path(), f.task(),
          plan.tasks().size());
      return this;
    }
    PlannedTask task = plan.tasks().get(f.task());
    Encoded enc = encoded.computeIfAbsent(f.task(), t -> {
      byte[] b = TaskBundleCodec.encode(task.bundle());
      return new Encoded(b, TaskBundleCodec.sha256(b));
    });
    byte[] bytes = enc.bytes();
    int chunks = TaskBundleCodec.chunks(bytes);
    if (f.chunk() < 0 || f.chunk() >= chunks) {
      getContext().getLog().warn("worker {} asked for chunk {} of {} of task {}", f.worker().path(), f.chunk(), chunks,
          task.id());
      return this;
    }
    if (f.chunk() == 0) {
      getContext().getLog().info("sending task {} ({} bytes, {} chunks) to {}", task.id(), bytes.length, chunks,
          f.worker().path());
    }
    f.worker().tell(new ToWorker.TaskChunk(f.task(), task.bundle().hash(), f.chunk(), chunks, enc.sha256(),
        TaskBundleCodec.chunk(bytes, f.chunk())));
    return this;
  }

  private Behavior<CoordinatorMessage> onHandBack(ToCoordinator.HandBack h) {
    int n = 0;
    WorkerInfo w = workers.get(h.worker());
    for (JobAttempt a : h.jobs()) {
      if (w != null && known(a.job()) && book.handBack(a.job(), a.attempt(), w.index())) {
        n++;
      }
    }
    getContext().getLog().info("worker {} is leaving; {} of its splits handed back and re-queued", who(h.worker()), n);
    deferred.remove(h.worker()); // it wants no more jobs; the hand-back's answer is the one it waits for
    h.replyTo().tell(new ToWorker.HandedBack(n));
    return this;
  }

  private Behavior<CoordinatorMessage> onWorkerGone(ActorRef<WorkerMessage> worker) {
    String node = who(worker);
    getContext().getLog().info("worker left: {} ({} workers)", node, workers.size() - 1);
    WorkerInfo w = workers.get(worker);
    if (w != null) {
      book.removeWorker(w.index(), (job, attempt, f) -> failed(job, f, "worker " + node + " was lost"));
      workers.remove(worker);
      deferred.remove(worker);
      journalRecorded();
    }
    return this;
  }

  private Behavior<CoordinatorMessage> onCheckLeases() {
    List<Integer> expired = new ArrayList<>();
    book.forEachExpired(System.nanoTime(), expired::add);
    for (int job : expired) {
      int attempt = book.attempt(job);
      ActorRef<WorkerMessage> worker = workerRefs.get(book.holder(job));
      worker.tell(new ToWorker.Cancel(job, attempt, ToWorker.Cancel.LEASE_EXPIRED));
      failed(job, book.fail(job, attempt, book.holder(job)),
          "lease expired after " + leaseTimeout(job).toMillis() / 1000.0 + " s on worker " + who(worker));
    }
    journalRecorded();
    return this;
  }

  /** A lease ended without a result (the book's {@code outcome}): log the retry, or record the error row. */
  private void failed(int job, JobBook.Failure outcome, String reason) {
    PlannedSplit split = plan.split(job);
    switch (outcome) {
      case STALE, RETURNED -> { }
      case COPY_RUNS_ON -> getContext().getLog().info("{}: one copy ended without a result ({}); the other runs on",
          split.id(), reason);
      case RETRY -> getContext().getLog().warn("re-queued {} as attempt {}: {}", split.id(), book.attempt(job) + 1,
          reason);
      case GIVE_UP -> {
        int n = book.failures(job);
        getContext().getLog().warn("giving up on {} after {} failed attempts: {}", split.id(), n, reason);
        var rows = split.task().bundle().instance().rows(split.iteration());
        record(split, new SplitResult(job, book.attempt(job), List.of(), rows.train().length, rows.test().length, 0, 0,
            "gave up after " + n + " failed attempts; last: " + reason));
      }
    }
  }

  /** A worker's node name as it registered, for logs and error rows. */
  private String who(ActorRef<WorkerMessage> worker) {
    WorkerInfo w = workers.get(worker);
    return w == null ? worker.path().toString() : w.node();
  }

  private Progress progress() {
    Map<String, RunTally.WorkerView> byNode = new HashMap<>();
    workers.values().forEach(w -> byNode.put(w.node(), new RunTally.WorkerView(w.node(), w.slots(), w.index())));
    return tally.progress(book, new ArrayList<>(byNode.values()), finishing, System.nanoTime(),
        remaining.seconds(costs));
  }

  private void finish() {
    finishing = true;
    board.publish(progress());
    getContext().getLog().info("all {} splits recorded; writing outputs", total);
    List<CostAccount.Line> costLines = costLines();
    getContext().ask(Collector.Written.class, collector, Duration.ofMinutes(10),
        replyTo -> new Collector.Finish(replyTo, costLines),
        (written, failure) -> new OutputsWritten(written != null ? written
            : new Collector.Written(book.done(), book.failedRows(), "collector did not answer: " + failure)));
  }

  private Behavior<CoordinatorMessage> onOutputsWritten(OutputsWritten w) {
    LocalBundles.get(getContext().getSystem()).withdraw(plan.fingerprint());
    for (ActorRef<WorkerMessage> worker : workers.keySet()) {
      worker.tell(new ToWorker.Finished());
    }
    outcome.complete(new RunOutcome(w.written().rows(), w.written().failed(), w.written().problem(),
        tally.makespanSeconds(), costLines()));
    return this;
  }
}
