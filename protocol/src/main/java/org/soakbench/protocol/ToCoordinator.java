package org.soakbench.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** Requests a worker sends to the coordinator. */
public sealed interface ToCoordinator extends CoordinatorMessage, CborSerializable {

  /**
   * A worker announces itself with its slot count; sent on start, after a coordinator restart, and
   * again until a {@link ToWorker.Welcome} arrives.
   */
  record Register(ActorRef<WorkerMessage> worker, int slots, String node) implements ToCoordinator {}

  /**
   * Everything a worker has to say since its last report, in one message: the attempts it finished,
   * the prefetched attempts it started since (their lease clocks start now), and how many more jobs
   * it wants (free slots plus its prefetch window). A worker has at most one report in flight; the
   * coordinator answers each with one {@link ToWorker.Assign}, which is the back-pressure.
   */
  record Report(ActorRef<WorkerMessage> worker, List<SplitResult> results, List<JobAttempt> started, int wanted)
      implements ToCoordinator {}

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
