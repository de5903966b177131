package org.soakbench.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
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
import org.soakbench.protocol.ToCoordinator;
import org.soakbench.protocol.ToWorker;
import org.soakbench.protocol.WorkerMessage;
import org.soakbench.worker.run.SplitRunner;

/**
 * A worker with a fixed number of slots. It finds the coordinator through the Receptionist, pulls
 * as many jobs as it has free slots, fetches each task's data once, and trains on a dedicated
 * thread pool so the actor (and the node's heartbeats) never block on Smile.
 */
public final class Worker extends AbstractBehavior<WorkerMessage> {

  private record CoordinatorListing(Receptionist.Listing listing) implements WorkerMessage {}

  private record JobFinished(SplitResult result) implements WorkerMessage {}

  private record PullAgain() implements WorkerMessage {}

  private final int slots;
  private final String name;
  private final ExecutorService pool;
  private final SplitRunner runner;
  private final TimerScheduler<WorkerMessage> timers;
  private final Map<String, TaskBundle> cache = new HashMap<>();
  private final Map<String, List<SplitJob>> waitingForData = new HashMap<>();
  private ActorRef<CoordinatorMessage> coordinator;
  private int busy;
  private boolean pullOutstanding;
  private boolean finished;

  /** {@code pool} must have at least {@code slots} threads; it is owned by the caller. */
  public static Behavior<WorkerMessage> create(int slots, String name, ExecutorService pool, SplitRunner runner) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Worker(ctx, timers, slots, name, pool, runner)));
  }

  private Worker(ActorContext<WorkerMessage> ctx, TimerScheduler<WorkerMessage> timers, int slots, String name,
      ExecutorService pool, SplitRunner runner) {
    super(ctx);
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
        .onMessage(ToWorker.TaskReply.class, this::onTaskReply)
        .onMessage(ToWorker.Finished.class, f -> onFinished())
        .onMessage(JobFinished.class, this::onJobFinished)
        .onMessage(PullAgain.class, p -> pull())
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
      busy++;
      TaskBundle bundle = cache.get(job.taskHash());
      if (bundle != null) {
        start(bundle, job);
      } else {
        boolean first = !waitingForData.containsKey(job.taskHash());
        waitingForData.computeIfAbsent(job.taskHash(), h -> new ArrayList<>()).add(job);
        if (first) {
          coordinator.tell(new ToCoordinator.FetchTask(getContext().getSelf(), job.taskHash()));
        }
      }
    }
    return pull();
  }

  private Behavior<WorkerMessage> onTaskReply(ToWorker.TaskReply r) {
    TaskBundle bundle = r.bundle();
    cache.put(bundle.hash(), bundle);
    for (SplitJob job : waitingForData.getOrDefault(bundle.hash(), List.of())) {
      start(bundle, job);
    }
    waitingForData.remove(bundle.hash());
    return this;
  }

  private void start(TaskBundle bundle, SplitJob job) {
    CompletableFuture<SplitResult> f = CompletableFuture.supplyAsync(() -> runner.run(bundle, job, name), pool);
    getContext().pipeToSelf(f, (result, failure) -> new JobFinished(result != null ? result
        : new SplitResult(job.jobId(), job.attempt(), List.of(), 0, 0, 0, 0, name, "worker failure: " + failure)));
  }

  private Behavior<WorkerMessage> onJobFinished(JobFinished f) {
    busy--;
    if (coordinator != null) {
      coordinator.tell(new ToCoordinator.Done(getContext().getSelf(), f.result()));
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
    return busy == 0 ? Behaviors.stopped() : this;
  }

  private Behavior<WorkerMessage> pull() {
    if (finished) {
      return busy == 0 ? Behaviors.stopped() : this;
    }
    int free = slots - busy;
    if (coordinator != null && free > 0 && !pullOutstanding) {
      pullOutstanding = true;
      coordinator.tell(new ToCoordinator.Pull(getContext().getSelf(), free));
    }
    return this;
  }
}
