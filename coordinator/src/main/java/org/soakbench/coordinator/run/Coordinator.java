package org.soakbench.coordinator.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.output.ScoreRow;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.PlannedTask;
import org.soakbench.coordinator.schedule.SchedulingPolicy;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.ServiceKeys;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;

/**
 * Hands split jobs to workers that pull them, records each split exactly once, and ends the run
 * when every split is recorded. Workers are watched: the jobs of a worker that stops are re-queued.
 */
public final class Coordinator extends AbstractBehavior<CoordinatorMessage> {

  /** The collector has written the outputs. */
  private record OutputsWritten(Collector.Written written) implements CoordinatorMessage {}

  /** A watched worker stopped (crash, leave or node removal). */
  private record WorkerGone(ActorRef<WorkerMessage> worker) implements CoordinatorMessage {}

  static final Duration RETRY_PULL = Duration.ofMillis(200);

  private final PlannedExperiment plan;
  private final ActorRef<Collector.Command> collector;
  private final CompletableFuture<RunOutcome> outcome;
  private final SchedulingPolicy policy;
  private final Map<String, PlannedTask> tasksByHash;
  private final Map<String, Lease> leases = new HashMap<>();
  private final Set<String> recorded = new HashSet<>();
  private final Set<ActorRef<WorkerMessage>> workers = new HashSet<>();
  private final int total;
  private boolean finishing;

  public static Behavior<CoordinatorMessage> create(
      PlannedExperiment plan, ActorRef<Collector.Command> collector, CompletableFuture<RunOutcome> outcome) {
    return Behaviors.setup(ctx -> new Coordinator(ctx, plan, collector, outcome));
  }

  private Coordinator(ActorContext<CoordinatorMessage> ctx, PlannedExperiment plan,
      ActorRef<Collector.Command> collector, CompletableFuture<RunOutcome> outcome) {
    super(ctx);
    this.plan = plan;
    this.collector = collector;
    this.outcome = outcome;
    this.policy = new SchedulingPolicy(plan.jobs());
    this.tasksByHash = plan.tasksByHash();
    this.total = plan.jobs().size();
    ctx.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, ctx.getSelf()));
    ctx.getLog().info("experiment {}: {} splits ({} tasks x {} learners)", plan.experiment().name(), total,
        plan.tasks().size(), plan.experiment().learners().size());
    if (total == 0) {
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
        .onMessage(WorkerGone.class, g -> onWorkerGone(g.worker()))
        .onMessage(OutputsWritten.class, this::onOutputsWritten)
        .onSignal(Terminated.class, t -> Behaviors.same())
        .build();
  }

  private Behavior<CoordinatorMessage> onRegister(ToCoordinator.Register r) {
    if (workers.add(r.worker())) {
      getContext().watchWith(r.worker(), new WorkerGone(r.worker()));
      getContext().getLog().info("worker joined: {} on {} with {} slots", r.worker().path().name(), r.node(), r.slots());
    }
    if (finishing) {
      r.worker().tell(new ToWorker.Finished());
    }
    return this;
  }

  private Behavior<CoordinatorMessage> onPull(ToCoordinator.Pull p) {
    if (finishing || recorded.size() == total) {
      p.worker().tell(new ToWorker.Finished());
      return this;
    }
    List<SplitJob> jobs = policy.take(p.freeSlots());
    if (jobs.isEmpty()) {
      p.worker().tell(new ToWorker.NothingYet(RETRY_PULL.toMillis()));
      return this;
    }
    for (SplitJob job : jobs) {
      leases.put(job.jobId(), new Lease(job, p.worker()));
    }
    p.worker().tell(new ToWorker.Assign(jobs));
    return this;
  }

  private Behavior<CoordinatorMessage> onDone(ToCoordinator.Done d) {
    SplitResult r = d.result();
    Lease lease = leases.get(r.jobId());
    if (lease == null || lease.job().attempt() != r.attempt() || recorded.contains(r.jobId())) {
      getContext().getLog().info("dropping late or duplicate result of {} attempt {}", r.jobId(), r.attempt());
      return this;
    }
    leases.remove(r.jobId());
    recorded.add(r.jobId());
    PlannedTask task = tasksByHash.get(lease.job().taskHash());
    var split = task.bundle().instance().iteration(lease.job().iteration());
    collector.tell(new Collector.Record(new ScoreRow(lease.job(), split, r, r.attempt())));
    if (r.failed()) {
      getContext().getLog().warn("split {} failed: {}", r.jobId(), r.error());
    }
    if (recorded.size() == total) {
      finish();
    }
    return this;
  }

  private Behavior<CoordinatorMessage> onFetchTask(ToCoordinator.FetchTask f) {
    PlannedTask task = tasksByHash.get(f.taskHash());
    if (task == null) {
      getContext().getLog().warn("worker {} asked for unknown task {}", f.worker(), f.taskHash());
      return this;
    }
    f.worker().tell(new ToWorker.TaskReply(task.bundle()));
    return this;
  }

  private Behavior<CoordinatorMessage> onWorkerGone(ActorRef<WorkerMessage> worker) {
    workers.remove(worker);
    leases.values().removeIf(lease -> {
      if (!lease.worker().equals(worker)) {
        return false;
      }
      SplitJob job = lease.job();
      SplitJob retry = new SplitJob(job.jobId(), job.taskHash(), job.taskId(), job.learner(), job.iteration(), job.seed(),
          job.attempt() + 1, job.measures());
      getContext().getLog().warn("re-queued {} (attempt {}) after worker {} left", job.jobId(), retry.attempt(),
          worker.path().name());
      policy.requeue(retry);
      return true;
    });
    getContext().getLog().info("worker left: {}", worker.path().name());
    return this;
  }

  private void finish() {
    finishing = true;
    getContext().getLog().info("all {} splits recorded; writing outputs", total);
    getContext().ask(Collector.Written.class, collector, Duration.ofMinutes(10), Collector.Finish::new,
        (written, failure) -> new OutputsWritten(written != null ? written
            : new Collector.Written(recorded.size(), 0, "collector did not answer: " + failure)));
  }

  private Behavior<CoordinatorMessage> onOutputsWritten(OutputsWritten w) {
    for (ActorRef<WorkerMessage> worker : workers) {
      worker.tell(new ToWorker.Finished());
    }
    outcome.complete(new RunOutcome(w.written().rows(), w.written().failed(), w.written().problem()));
    return this;
  }
}
