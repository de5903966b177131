package org.soakbench.coordinator.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.output.SplitRecord;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.PlannedTask;
import org.soakbench.coordinator.schedule.RetryPolicy;
import org.soakbench.coordinator.schedule.SchedulingPolicy;
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

  /** A registered worker: its node name and slot count. */
  private record WorkerInfo(String node, int slots) {}

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
  private final SchedulingPolicy schedule;
  private final RetryPolicy retries;
  private final Map<String, PlannedTask> tasksByHash;
  private final Map<String, Encoded> encoded = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Set<String> recorded = new HashSet<>();
  private final Map<ActorRef<WorkerMessage>, WorkerInfo> workers = new HashMap<>();
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
    Set<String> resumedIds = new HashSet<>();
    settings.resumed().forEach(r -> resumedIds.add(r.id()));
    this.schedule = new SchedulingPolicy(plan.jobs().stream().filter(j -> !resumedIds.contains(j.jobId())).toList());
    this.retries = new RetryPolicy(plan.experiment().execution());
    this.tasksByHash = plan.tasksByHash();
    this.total = plan.jobs().size();
    plan.experiment().tasks().forEach(t -> taskIndex.put(t.id(), taskIndex.size()));
    plan.experiment().learners().forEach(l -> learnerIndex.put(l.id(), learnerIndex.size()));
    this.tally = new RunTally(plan);
    Set<String> planned = new HashSet<>();
    plan.jobs().forEach(j -> planned.add(j.jobId()));
    for (SplitRecord r : settings.resumed()) {
      if (planned.contains(r.id()) && recorded.add(r.id())) {
        tally.resumed(r.id(), r.failed());
      }
    }
    if (!recorded.isEmpty()) {
      ctx.getLog().info("resuming: {} of {} splits already in the journal", recorded.size(), plan.jobs().size());
    }
    this.journalAcks = ctx.messageAdapter(Collector.Journaled.class, JournalWritten::new);
    ctx.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, ctx.getSelf()));
    timers.startTimerWithFixedDelay(new CheckLeases(), LEASE_CHECK);
    ctx.getLog().info("experiment {}: {} splits ({} tasks x {} learners), max-attempts {}", plan.experiment().name(),
        total, plan.tasks().size(), plan.experiment().learners().size(), retries.maxAttempts());
    if (recorded.size() == total) {
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
      workers.put(r.worker(), new WorkerInfo(r.node(), r.slots()));
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
    List<SplitJob> jobs = workers.size() >= settings.minWorkers() ? schedule.take(p.freeSlots()) : List.of();
    if (jobs.isEmpty()) {
      p.worker().tell(new ToWorker.NothingYet(RETRY_PULL.toMillis()));
      return this;
    }
    long now = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    tally.handedOut(now);
    for (SplitJob job : jobs) {
      leases.put(job.jobId(), new Lease(job, p.worker(), nowMillis, now + retries.leaseTimeout(job).toNanos()));
    }
    p.worker().tell(new ToWorker.Assign(jobs));
    return this;
  }

  private Behavior<CoordinatorMessage> onDone(ToCoordinator.Done d) {
    SplitResult r = d.result();
    Lease lease = leases.get(r.jobId());
    if (lease == null || lease.job().attempt() != r.attempt()) {
      getContext().getLog().info("dropped late or duplicate result of {} attempt {} from {}", r.jobId(), r.attempt(),
          r.worker());
      return this;
    }
    leases.remove(r.jobId());
    if (r.outOfMemory()) {
      // memory depends on the worker (its heap, what else ran there): try again, like a lost worker
      failed(lease, "out of memory on worker " + who(lease.worker()));
      return this;
    }
    if (!r.failed()) {
      retries.observe(lease.job(), r.trainSeconds() + r.predictSeconds());
    } else {
      getContext().getLog().warn("split {} failed on {}: {}", r.jobId(), r.worker(), r.error());
    }
    record(lease, r);
    return this;
  }

  private void record(Lease lease, SplitResult r) {
    SplitJob job = lease.job();
    if (!recorded.add(job.jobId())) {
      return;
    }
    PlannedTask task = tasksByHash.get(job.taskHash());
    var split = task.bundle().instance().iteration(job.iteration());
    WorkerInfo w = workers.get(lease.worker());
    tally.recorded(job.jobId(), who(lease.worker()), r);
    collector.tell(new Collector.Record(SplitRecord.of(job, split, r, taskIndex.get(job.taskId()),
        learnerIndex.get(job.learner().id()), w == null ? 1 : w.slots(), lease.assignedAtMillis(),
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
      outcome.complete(new RunOutcome(tally.done(), tally.failed(), j.problem(), tally.makespanSeconds()));
      return this;
    }
    tally.journaled(j.id(), j.failed(), System.nanoTime());
    if (tally.done() == total) {
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
    for (String id : h.jobIds()) {
      Lease lease = leases.get(id);
      if (lease != null && lease.worker().equals(h.worker())) {
        leases.remove(id);
        requeue(lease.job(), "handed back by leaving worker " + who(h.worker()));
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
    for (Lease lease : new ArrayList<>(leases.values())) {
      if (lease.worker().equals(worker)) {
        leases.remove(lease.job().jobId());
        failed(lease, "worker " + node + " was lost");
      }
    }
    workers.remove(worker);
    return this;
  }

  private Behavior<CoordinatorMessage> onCheckLeases() {
    long now = System.nanoTime();
    for (Lease lease : new ArrayList<>(leases.values())) {
      if (now - lease.deadlineNanos() > 0) {
        leases.remove(lease.job().jobId());
        lease.worker().tell(new ToWorker.Cancel(lease.job().jobId(), lease.job().attempt()));
        failed(lease, "lease expired after " + retries.leaseTimeout(lease.job()).toMillis() / 1000.0 + " s on worker "
            + who(lease.worker()));
      }
    }
    return this;
  }

  /** A lease ended without a result: retry, or record an error row once the attempts are used up. */
  private void failed(Lease lease, String reason) {
    SplitJob job = lease.job();
    int n = failures.merge(job.jobId(), 1, Integer::sum);
    if (retries.mayRetry(n)) {
      requeue(job, reason);
      return;
    }
    getContext().getLog().warn("giving up on {} after {} failed attempts: {}", job.jobId(), n, reason);
    TrainTest rows = tasksByHash.get(job.taskHash()).bundle().instance().rows(job.iteration());
    record(lease, new SplitResult(job.jobId(), job.attempt(), List.of(), rows.train().length, rows.test().length, 0, 0,
        who(lease.worker()), "gave up after " + n + " failed attempts; last: " + reason));
  }

  /** A worker's node name as it registered, for logs and error rows. */
  private String who(ActorRef<WorkerMessage> worker) {
    WorkerInfo w = workers.get(worker);
    return w == null ? worker.path().toString() : w.node();
  }

  private void requeue(SplitJob job, String reason) {
    SplitJob retry = new SplitJob(job.jobId(), job.taskHash(), job.taskId(), job.learner(), job.iteration(), job.seed(),
        job.attempt() + 1, job.measures());
    getContext().getLog().warn("re-queued {} as attempt {}: {}", job.jobId(), retry.attempt(), reason);
    tally.retried();
    schedule.requeue(retry);
  }

  private Progress progress() {
    Map<String, Integer> slotsByNode = new HashMap<>();
    workers.values().forEach(w -> slotsByNode.put(w.node(), w.slots()));
    return tally.progress(leases.values(), slotsByNode, this::who, schedule.queued(), finishing, System.nanoTime());
  }

  private void finish() {
    finishing = true;
    getContext().getLog().info("all {} splits recorded; writing outputs", total);
    getContext().ask(Collector.Written.class, collector, Duration.ofMinutes(10), Collector.Finish::new,
        (written, failure) -> new OutputsWritten(written != null ? written
            : new Collector.Written(recorded.size(), 0, "collector did not answer: " + failure)));
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
