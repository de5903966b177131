package org.soakbench.coordinator.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.soakbench.coordinator.book.JobBook;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.output.SplitRecord;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.PlannedTask;
import org.soakbench.coordinator.schedule.RetryPolicy;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.ServiceKeys;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.TrainTest;
import org.soakbench.protocol.WorkerMessage;

/**
 * Hands split jobs to workers that pull them, holds a lease per handed-out job, and records each
 * split exactly once. A job goes back to the queue when its worker stops or leaves, or when its
 * lease expires (the worker is told to cancel it); after {@code max-attempts} failures it becomes
 * an error row. Late and duplicate results are dropped. A split counts as done once the collector
 * has it on disk; the run ends when every split is, or stops when the journal cannot be written.
 * Every split's state (and the retry decision) is the {@link JobBook}'s; this actor moves messages.
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

  /** A task bundle serialised once for all workers, with its digest. */
  private record Encoded(byte[] bytes, String sha256) {}

  /** A registered worker: its node name, slot count and number in the job book. */
  private record WorkerInfo(String node, int slots, int index) {}

  /** Asks where the run stands (answered locally, for the progress endpoint and the console). */
  public record GetProgress(ActorRef<Progress> replyTo) implements CoordinatorMessage {}

  /** Asks for the live statistics; forwarded to the collector. */
  public record GetStats(ActorRef<Collector.LiveStats> replyTo) implements CoordinatorMessage {}

  static final Duration RETRY_PULL = Duration.ofMillis(200);
  static final Duration LEASE_CHECK = Duration.ofMillis(250);

  /** Coordinator settings that are not part of the experiment; {@code resumed} are splits a journal already holds. */
  public record Settings(int minWorkers, List<SplitRecord> resumed) {
    public static Settings defaults() {
      return new Settings(0, List.of());
    }
  }

  private final PlannedExperiment plan;
  private final ActorRef<Collector.Command> collector;
  private final CompletableFuture<RunOutcome> outcome;
  private final Settings settings;
  private final RetryPolicy retries;
  private final Map<String, PlannedTask> tasksByHash;
  private final Map<String, Encoded> encoded = new HashMap<>();
  private final JobBook book;
  private final Map<String, Integer> jobNumbers = new HashMap<>();
  private final long[] assignedAtMillis;
  private final Map<ActorRef<WorkerMessage>, WorkerInfo> workers = new HashMap<>();
  private final List<ActorRef<WorkerMessage>> workerRefs = new ArrayList<>();
  private final Map<String, Integer> taskIndex = new HashMap<>();
  private final Map<String, Integer> learnerIndex = new HashMap<>();
  private final int total;
  private final RunTally tally;
  private final ActorRef<Collector.Journaled> journalAcks;
  private boolean finishing;

  public static Behavior<CoordinatorMessage> create(PlannedExperiment plan, ActorRef<Collector.Command> collector,
      CompletableFuture<RunOutcome> outcome, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Coordinator(ctx, timers, plan, collector, outcome,
        settings)));
  }

  private Coordinator(ActorContext<CoordinatorMessage> ctx, TimerScheduler<CoordinatorMessage> timers,
      PlannedExperiment plan, ActorRef<Collector.Command> collector, CompletableFuture<RunOutcome> outcome,
      Settings settings) {
    super(ctx);
    this.plan = plan;
    this.collector = collector;
    this.outcome = outcome;
    this.settings = settings;
    this.retries = new RetryPolicy(plan.experiment().execution());
    this.tasksByHash = plan.tasksByHash();
    this.total = plan.jobs().size();
    plan.experiment().tasks().forEach(t -> taskIndex.put(t.id(), taskIndex.size()));
    plan.experiment().learners().forEach(l -> learnerIndex.put(l.id(), learnerIndex.size()));
    this.tally = new RunTally(plan);
    this.book = new JobBook(tally.cellOf(), tally.cells(), retries.maxAttempts());
    this.assignedAtMillis = new long[total];
    List<SplitJob> jobs = plan.jobs();
    for (int i = 0; i < jobs.size(); i++) {
      jobNumbers.put(jobs.get(i).jobId(), i);
    }
    for (SplitRecord r : settings.resumed()) {
      Integer job = jobNumbers.get(r.id());
      if (job != null) {
        book.resumed(job, r.failed());
      }
    }
    if (book.done() > 0) {
      ctx.getLog().info("resuming: {} of {} splits already in the journal", book.done(), total);
    }
    this.journalAcks = ctx.messageAdapter(Collector.Journaled.class, JournalWritten::new);
    ctx.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, ctx.getSelf()));
    timers.startTimerWithFixedDelay(new CheckLeases(), LEASE_CHECK);
    ctx.getLog().info("experiment {}: {} splits ({} tasks x {} learners), max-attempts {}", plan.experiment().name(),
        total, plan.tasks().size(), plan.experiment().learners().size(), retries.maxAttempts());
    if (book.allDone()) {
      finish();
    }
  }

  @Override
  public Receive<CoordinatorMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(ToCoordinator.Register.class, this::onRegister)
        .onMessage(ToCoordinator.Pull.class, this::onPull)
        .onMessage(ToCoordinator.Done.class, this::onDone)
        .onMessage(ToCoordinator.FetchTask.class, this::onFetchTask)
        .onMessage(ToCoordinator.HandBack.class, this::onHandBack)
        .onMessage(WorkerGone.class, g -> onWorkerGone(g.worker()))
        .onMessage(CheckLeases.class, c -> onCheckLeases())
        .onMessage(JournalWritten.class, this::onJournalWritten)
        .onMessage(OutputsWritten.class, this::onOutputsWritten)
        .onMessage(GetProgress.class, g -> {
          g.replyTo().tell(progress());
          return this;
        })
        .onMessage(GetStats.class, g -> {
          collector.tell(new Collector.GetStats(g.replyTo()));
          return this;
        })
        .build();
  }

  private Behavior<CoordinatorMessage> onRegister(ToCoordinator.Register r) {
    if (!workers.containsKey(r.worker())) {
      workers.put(r.worker(), new WorkerInfo(r.node(), r.slots(), book.addWorker(r.slots())));
      workerRefs.add(r.worker());
      getContext().watchWith(r.worker(), new WorkerGone(r.worker()));
      getContext().getLog().info("worker joined: {} with {} slots ({} workers)", r.node(), r.slots(), workers.size());
    }
    if (finishing) {
      r.worker().tell(new ToWorker.Finished());
    }
    return this;
  }

  private Behavior<CoordinatorMessage> onPull(ToCoordinator.Pull p) {
    if (finishing) {
      p.worker().tell(new ToWorker.Finished());
      return this;
    }
    WorkerInfo w = workers.get(p.worker());
    int[] taken = new int[Math.max(0, p.freeSlots())];
    int n = w != null && workers.size() >= settings.minWorkers() ? book.take(w.index(), taken.length, taken) : 0;
    if (n == 0) {
      p.worker().tell(new ToWorker.NothingYet(RETRY_PULL.toMillis()));
      return this;
    }
    long now = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    tally.handedOut(now);
    List<SplitJob> jobs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int job = taken[i];
      SplitJob sent = attemptOf(job);
      // today's workers start a split as soon as it arrives: its clock starts at the hand-out
      book.started(job, sent.attempt(), w.index(), now + retries.leaseTimeout(sent).toNanos());
      assignedAtMillis[job] = nowMillis;
      jobs.add(sent);
    }
    p.worker().tell(new ToWorker.Assign(jobs));
    return this;
  }

  private Behavior<CoordinatorMessage> onDone(ToCoordinator.Done d) {
    SplitResult r = d.result();
    Integer job = jobNumbers.get(r.jobId());
    WorkerInfo w = workers.get(d.worker());
    if (job == null || w == null) {
      getContext().getLog().info("dropped result of {} from unknown or departed worker {}", r.jobId(), r.worker());
      return this;
    }
    if (r.outOfMemory()) {
      // memory depends on the worker (its heap, what else ran there): try again, like a lost worker
      failed(job, book.fail(job, r.attempt(), w.index()), "out of memory on worker " + w.node());
      return this;
    }
    if (!book.result(job, r.attempt(), w.index())) {
      getContext().getLog().info("dropped late or duplicate result of {} attempt {} from {}", r.jobId(), r.attempt(),
          r.worker());
      return this;
    }
    SplitJob done = attemptOf(job);
    if (!r.failed()) {
      retries.observe(done, r.trainSeconds() + r.predictSeconds());
    } else {
      getContext().getLog().warn("split {} failed on {}: {}", r.jobId(), r.worker(), r.error());
    }
    record(job, r);
    return this;
  }

  /** The job as handed out in its latest attempt. */
  private SplitJob attemptOf(int job) {
    SplitJob planned = plan.jobs().get(job);
    int attempt = book.attempt(job);
    return attempt == planned.attempt() ? planned : new SplitJob(planned.jobId(), planned.taskHash(),
        planned.taskId(), planned.learner(), planned.iteration(), planned.seed(), attempt, planned.measures());
  }

  /** The book has the split as recorded: send its row to the collector. */
  private void record(int jobNumber, SplitResult r) {
    SplitJob job = attemptOf(jobNumber);
    PlannedTask task = tasksByHash.get(job.taskHash());
    var split = task.bundle().instance().iteration(job.iteration());
    int holder = book.holder(jobNumber);
    WorkerInfo w = holder < 0 ? null : workers.get(workerRefs.get(holder));
    String node = holder < 0 ? r.worker() : who(workerRefs.get(holder));
    tally.recorded(job.jobId(), node, r);
    collector.tell(new Collector.Record(SplitRecord.of(job, split, r, taskIndex.get(job.taskId()),
        learnerIndex.get(job.learner().id()), w == null ? 1 : w.slots(), assignedAtMillis[jobNumber],
        System.currentTimeMillis()), journalAcks));
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
      outcome.complete(new RunOutcome(book.done(), book.failedRows(), j.problem(), tally.makespanSeconds()));
      return this;
    }
    Integer job = jobNumbers.get(j.id());
    if (job != null && book.journaled(job, j.failed())) {
      tally.journaled(System.nanoTime());
    }
    if (book.allDone()) {
      finish();
    }
    return this;
  }

  private Behavior<CoordinatorMessage> onFetchTask(ToCoordinator.FetchTask f) {
    PlannedTask task = tasksByHash.get(f.taskHash());
    if (task == null) {
      getContext().getLog().warn("worker {} asked for unknown task {}", f.worker().path(), f.taskHash());
      return this;
    }
    Encoded enc = encoded.computeIfAbsent(f.taskHash(), h -> {
      byte[] b = TaskBundleCodec.encode(task.bundle());
      return new Encoded(b, TaskBundleCodec.sha256(b));
    });
    byte[] bytes = enc.bytes();
    int chunks = TaskBundleCodec.chunks(bytes);
    if (f.chunk() < 0 || f.chunk() >= chunks) {
      getContext().getLog().warn("worker {} asked for chunk {} of {} of task {}", f.worker().path(), f.chunk(), chunks,
          f.taskHash());
      return this;
    }
    if (f.chunk() == 0) {
      getContext().getLog().info("sending task {} ({} bytes, {} chunks) to {}", task.id(), bytes.length, chunks,
          f.worker().path());
    }
    f.worker().tell(new ToWorker.TaskChunk(f.taskHash(), f.chunk(), chunks, enc.sha256(),
        TaskBundleCodec.chunk(bytes, f.chunk())));
    return this;
  }

  private Behavior<CoordinatorMessage> onHandBack(ToCoordinator.HandBack h) {
    int n = 0;
    WorkerInfo w = workers.get(h.worker());
    for (String id : h.jobIds()) {
      Integer job = jobNumbers.get(id);
      if (w != null && job != null && book.handBack(job, book.attempt(job), w.index())) {
        getContext().getLog().warn("re-queued {} as attempt {}: handed back by leaving worker {}", id,
            book.attempt(job) + 1, w.node());
        n++;
      }
    }
    getContext().getLog().info("worker {} is leaving; {} running splits handed back", who(h.worker()), n);
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
    }
    return this;
  }

  private Behavior<CoordinatorMessage> onCheckLeases() {
    List<Integer> expired = new ArrayList<>();
    book.forEachExpired(System.nanoTime(), expired::add);
    for (int job : expired) {
      SplitJob sent = attemptOf(job);
      ActorRef<WorkerMessage> worker = workerRefs.get(book.holder(job));
      worker.tell(new ToWorker.Cancel(sent.jobId(), sent.attempt()));
      failed(job, book.fail(job, sent.attempt(), book.holder(job)),
          "lease expired after " + retries.leaseTimeout(sent).toMillis() / 1000.0
          + " s on worker " + who(worker));
    }
    return this;
  }

  /** A lease ended without a result (the book's {@code outcome}): log the retry, or record the error row. */
  private void failed(int jobNumber, JobBook.Failure outcome, String reason) {
    SplitJob job = attemptOf(jobNumber);
    switch (outcome) {
      case STALE -> { }
      case RETRY -> getContext().getLog().warn("re-queued {} as attempt {}: {}", job.jobId(), job.attempt() + 1,
          reason);
      case GIVE_UP -> {
        int n = book.failures(jobNumber);
        getContext().getLog().warn("giving up on {} after {} failed attempts: {}", job.jobId(), n, reason);
        TrainTest rows = tasksByHash.get(job.taskHash()).bundle().instance().rows(job.iteration());
        record(jobNumber, new SplitResult(job.jobId(), job.attempt(), List.of(), rows.train().length,
            rows.test().length, 0, 0, who(workerRefs.get(book.holder(jobNumber))),
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
    return tally.progress(book, new ArrayList<>(byNode.values()), finishing, System.nanoTime());
  }

  private void finish() {
    finishing = true;
    getContext().getLog().info("all {} splits recorded; writing outputs", total);
    getContext().ask(Collector.Written.class, collector, Duration.ofMinutes(10), Collector.Finish::new,
        (written, failure) -> new OutputsWritten(written != null ? written
            : new Collector.Written(book.done(), book.failedRows(), "collector did not answer: " + failure)));
  }

  private Behavior<CoordinatorMessage> onOutputsWritten(OutputsWritten w) {
    for (ActorRef<WorkerMessage> worker : workers.keySet()) {
      worker.tell(new ToWorker.Finished());
    }
    outcome.complete(new RunOutcome(w.written().rows(), w.written().failed(), w.written().problem(),
        tally.makespanSeconds()));
    return this;
  }
}
