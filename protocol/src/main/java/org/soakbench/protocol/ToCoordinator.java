package org.soakbench.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** Requests a worker sends to the coordinator. */
public sealed interface ToCoordinator extends CoordinatorMessage, CborSerializable {

  /**
   * A worker announces itself with its slot count and, when it has a walltime, how many
   * milliseconds it has left before it hands back and leaves (relative, so that clocks need not
   * agree); sent on start, after a coordinator restart, and again until a {@link ToWorker.Welcome} arrives.
   */
  record Register(ActorRef<WorkerMessage> worker, int slots, String node, long millisLeft) implements ToCoordinator {

    /** {@code millisLeft} for a worker without a walltime. */
    public static final long NO_WALLTIME = -1;

    public Register(ActorRef<WorkerMessage> worker, int slots, String node) {
      this(worker, slots, node, NO_WALLTIME);
    }
  }

  /**
   * Everything a worker has to say since its last report, in one message: the attempts it finished,
   * the prefetched attempts it started since (their lease clocks start now), and how many more jobs
   * it wants (free slots plus its prefetch window). A worker has at most one report in flight; the
   * coordinator answers each with one {@link ToWorker.Assign}, which is the back-pressure.
   * {@code released} are prefetched attempts it has not started and gives back, because every slot
   * has run one split far longer than its splits usually take: the coordinator queues them first
   * again, for a free worker to take now (a report is re-sent until answered, so none is lost).
   */
  record Report(ActorRef<WorkerMessage> worker, List<SplitResult> results, List<JobAttempt> started, int wanted,
      List<JobAttempt> released) implements ToCoordinator {
    /** A report that gives no held job back. */
    public Report(ActorRef<WorkerMessage> worker, List<SplitResult> results, List<JobAttempt> started, int wanted) {
      this(worker, results, started, wanted, List.of());
    }
  }

  /**
   * A worker asks for chunk {@code chunk} (0-based) of task number {@code task}'s bundle; it asks
   * for the next chunk only when the previous one arrived, which is the back-pressure.
   */
  record FetchTask(ActorRef<WorkerMessage> worker, int task, int chunk) implements ToCoordinator {}

  /**
   * A worker is leaving (SIGTERM): it stopped reporting and cancelled these attempts (running,
   * prefetched or waiting for data), which the coordinator re-queues at once instead of waiting for
   * the node to be removed.
   */
  record HandBack(ActorRef<WorkerMessage> worker, List<JobAttempt> jobs, ActorRef<ToWorker.HandedBack> replyTo)
      implements ToCoordinator {}
}
