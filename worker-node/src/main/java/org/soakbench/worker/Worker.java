package org.soakbench.worker;

import java.time.Duration;
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
 * A worker with a fixed number of slots. It finds the coordinator through the Receptionist, pulls
 * as many jobs as it has free slots, fetches each task's data once (chunk by chunk, one in flight),
 * and trains on a dedicated thread pool so the actor (and the node's heartbeats) never block on
 * Smile. On {@link Leave} it stops pulling, cancels what runs and hands it back. A worker that owns
 * its JVM does the same after a split runs out of memory, so that a fresh JVM takes its place.
 */
public final class Worker extends AbstractBehavior<WorkerMessage> {

  /** Leave gracefully (sent by the node's shutdown hook); replies when the coordinator has the jobs back. */
  public record Leave(ActorRef<Done> replyTo) implements WorkerMessage {}

  private record CoordinatorListing(Receptionist.Listing listing) implements WorkerMessage {}

  private record JobFinished(SplitJob job, SplitResult result) implements WorkerMessage {}

  private record BundleDecoded(String hash, TaskBundle bundle, Throwable failure) implements WorkerMessage {}

  /** The coordinator has the splits back; {@code replyTo} (null when the worker retires by itself) is told. */
  private record LeaveAcknowledged(ActorRef<Done> replyTo) implements WorkerMessage {}

  private record PullAgain() implements WorkerMessage {}

  private record Running(SplitJob job, Future<?> future) {}

  static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(10);

  private final int slots;
  private final String name;
  private final ExecutorService pool;
  private final SplitRunner runner;
  private final TimerScheduler<WorkerMessage> timers;
  private final Map<String, TaskBundle> cache = new HashMap<>();
  private final Map<String, TaskAssembly> assemblies = new HashMap<>();
  private final Map<String, List<SplitJob>> waitingForData = new HashMap<>();
  private final Map<String, Running> running = new HashMap<>();
  private final CompletableFuture<String> retirement;
  private ActorRef<CoordinatorMessage> coordinator;
  private boolean pullOutstanding;
  private boolean finished;

  /**
   * A worker that shares its JVM (it keeps serving after a split ran out of memory). {@code pool} must
   * have at least {@code slots} threads; it is owned by the caller.
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
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new Worker(ctx, timers, slots, name, pool, runner, retirement)));
  }

  private Worker(ActorContext<WorkerMessage> ctx, TimerScheduler<WorkerMessage> timers, int slots, String name,
      ExecutorService pool, SplitRunner runner, CompletableFuture<String> retirement) {
    super(ctx);
    this.retirement = retirement;
    this.timers = timers;
    this.slots = slots;
    this.name = name;
    this.pool = pool;
    this.runner = runner;
    ActorRef<Receptionist.Listing> adapter = ctx.messageAdapter(Receptionist.Listing.class, CoordinatorListing::new);
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, adapter));
  }

  @Override
  public Receive<WorkerMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(CoordinatorListing.class, this::onListing)
        .onMessage(ToWorker.Assign.class, this::onAssign)
        .onMessage(ToWorker.NothingYet.class, this::onNothingYet)
        .onMessage(ToWorker.TaskChunk.class, this::onTaskChunk)
        .onMessage(BundleDecoded.class, this::onBundleDecoded)
        .onMessage(ToWorker.Cancel.class, this::onCancel)
        .onMessage(ToWorker.Finished.class, f -> onFinished())
        .onMessage(JobFinished.class, this::onJobFinished)
        .onMessage(PullAgain.class, p -> pull())
        .onMessage(Leave.class, this::onLeave)
        .onMessage(LeaveAcknowledged.class, this::onLeaveAcknowledged)
        .build();
  }

  private Behavior<WorkerMessage> onListing(CoordinatorListing l) {
    var found = l.listing().getServiceInstances(ServiceKeys.COORDINATOR);
    if (found.isEmpty()) {
      return this;
    }
    ActorRef<CoordinatorMessage> c = found.iterator().next();
    if (!c.equals(coordinator)) {
      coordinator = c;
      pullOutstanding = false;
      getContext().getLog().info("worker {} found coordinator {}", name, c.path());
      c.tell(new ToCoordinator.Register(getContext().getSelf(), slots, name));
      pull();
    }
    return this;
  }

  private Behavior<WorkerMessage> onAssign(ToWorker.Assign a) {
    pullOutstanding = false;
    for (SplitJob job : a.jobs()) {
      TaskBundle bundle = cache.get(job.taskHash());
      if (bundle != null) {
        start(bundle, job);
      } else {
        waitingForData.computeIfAbsent(job.taskHash(), h -> new ArrayList<>()).add(job);
        if (!assemblies.containsKey(job.taskHash())) {
          assemblies.put(job.taskHash(), new TaskAssembly());
          coordinator.tell(new ToCoordinator.FetchTask(getContext().getSelf(), job.taskHash(), 0));
        }
      }
    }
    return pull();
  }

  private Behavior<WorkerMessage> onTaskChunk(ToWorker.TaskChunk chunk) {
    TaskAssembly assembly = assemblies.get(chunk.taskHash());
    if (assembly == null) {
      return this;
    }
    byte[] all;
    try {
      all = assembly.add(chunk);
    } catch (IllegalStateException e) {
      getContext().getLog().warn("worker {}: {}; fetching the task again", name, e.getMessage());
      assemblies.put(chunk.taskHash(), new TaskAssembly());
      coordinator.tell(new ToCoordinator.FetchTask(getContext().getSelf(), chunk.taskHash(), 0));
      return this;
    }
    if (all == null) {
      coordinator.tell(new ToCoordinator.FetchTask(getContext().getSelf(), chunk.taskHash(), assembly.next()));
      return this;
    }
    // decoding a large data set takes a while: not on the actor's thread
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> TaskBundleCodec.decode(all)),
        (bundle, failure) -> new BundleDecoded(chunk.taskHash(), bundle, failure));
    return this;
  }

  private Behavior<WorkerMessage> onBundleDecoded(BundleDecoded d) {
    assemblies.remove(d.hash());
    List<SplitJob> jobs = waitingForData.remove(d.hash());
    if (d.failure() != null) {
      getContext().getLog().error("worker {}: cannot decode task {}: {}", name, d.hash(), d.failure().toString());
      boolean outOfMemory = causedByOutOfMemory(d.failure());
      for (SplitJob job : jobs == null ? List.<SplitJob>of() : jobs) {
        report(new SplitResult(job.jobId(), job.attempt(), List.of(), 0, 0, 0, 0, name,
            outOfMemory ? SplitResult.OUT_OF_MEMORY : "task data could not be decoded: " + d.failure()));
      }
      if (outOfMemory && retirement != null && !finished) {
        return leave(null, "task " + d.hash() + " did not fit in memory");
      }
      return pull();
    }
    cache.put(d.hash(), d.bundle());
    getContext().getLog().info("worker {} cached task {} ({} rows)", name, d.bundle().data().taskId(), d.bundle().data().rows());
    for (SplitJob job : jobs == null ? List.<SplitJob>of() : jobs) {
      start(d.bundle(), job);
    }
    return this;
  }

  private static boolean causedByOutOfMemory(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private void start(TaskBundle bundle, SplitJob job) {
    ActorRef<WorkerMessage> self = getContext().getSelf();
    Future<?> future = pool.submit(() -> {
      SplitResult result;
      try {
        result = runner.run(bundle, job, name);
      } catch (Throwable t) {
        result = new SplitResult(job.jobId(), job.attempt(), List.of(), 0, 0, 0, 0, name, "worker failure: " + t);
      }
      self.tell(new JobFinished(job, result));
    });
    running.put(job.jobId(), new Running(job, future));
  }

  private Behavior<WorkerMessage> onJobFinished(JobFinished f) {
    Running r = running.get(f.job().jobId());
    if (r == null || r.job().attempt() != f.job().attempt()) {
      return this; // cancelled or handed back: the coordinator no longer waits for it
    }
    running.remove(f.job().jobId());
    report(f.result());
    if (f.result().outOfMemory() && retirement != null && !finished) {
      String why = "split " + f.job().jobId() + " ran out of memory";
      getContext().getLog().error("worker {}: {}; handing back the other splits and leaving for a fresh JVM", name, why);
      return leave(null, why);
    }
    return pull();
  }

  private void report(SplitResult result) {
    if (coordinator != null) {
      coordinator.tell(new ToCoordinator.Done(getContext().getSelf(), result));
    }
  }

  private Behavior<WorkerMessage> onCancel(ToWorker.Cancel c) {
    Running r = running.get(c.jobId());
    if (r != null && r.job().attempt() == c.attempt()) {
      running.remove(c.jobId());
      r.future().cancel(true);
      getContext().getLog().warn("worker {} cancelled {} attempt {} (lease expired)", name, c.jobId(), c.attempt());
    }
    return pull();
  }

  private Behavior<WorkerMessage> onNothingYet(ToWorker.NothingYet n) {
    pullOutstanding = false;
    timers.startSingleTimer(new PullAgain(), Duration.ofMillis(n.retryMillis()));
    return this;
  }

  private Behavior<WorkerMessage> onFinished() {
    finished = true;
    getContext().getLog().info("worker {}: run finished", name);
    return running.isEmpty() ? Behaviors.stopped() : this;
  }

  private Behavior<WorkerMessage> onLeave(Leave leave) {
    return leave(leave.replyTo(), null);
  }

  /** Stops pulling and hands back what runs or waits for data; {@code retiring} is set when leaving by itself. */
  private Behavior<WorkerMessage> leave(ActorRef<Done> replyTo, String retiring) {
    finished = true;
    if (retiring != null) {
      retirement.complete(retiring);
    }
    List<String> ids = new ArrayList<>(running.keySet());
    waitingForData.values().forEach(jobs -> jobs.forEach(j -> ids.add(j.jobId())));
    running.values().forEach(r -> r.future().cancel(true));
    running.clear();
    waitingForData.clear();
    getContext().getLog().info("worker {} leaving; handing back {} splits", name, ids.size());
    if (coordinator == null) {
      return onLeaveAcknowledged(new LeaveAcknowledged(replyTo));
    }
    // the hand-back's answer also proves every earlier message (the last Done) reached the coordinator
    ActorRef<CoordinatorMessage> c = coordinator;
    getContext().ask(ToWorker.HandedBack.class, c, HAND_BACK_TIMEOUT,
        ack -> new ToCoordinator.HandBack(getContext().getSelf(), ids, ack),
        (ack, failure) -> new LeaveAcknowledged(replyTo));
    return this;
  }

  private Behavior<WorkerMessage> onLeaveAcknowledged(LeaveAcknowledged a) {
    if (a.replyTo() != null) {
      a.replyTo().tell(Done.getInstance());
    }
    return Behaviors.stopped();
  }

  private Behavior<WorkerMessage> pull() {
    int busy = running.size() + waitingForData.values().stream().mapToInt(List::size).sum();
    if (finished) {
      return busy == 0 && assemblies.isEmpty() ? Behaviors.stopped() : this;
    }
    int free = slots - busy;
    if (coordinator != null && free > 0 && !pullOutstanding) {
      pullOutstanding = true;
      coordinator.tell(new ToCoordinator.Pull(getContext().getSelf(), free));
    }
    return this;
  }
}
