package org.soakbench.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** Requests a worker sends to the coordinator. */
public sealed interface ToCoordinator extends CoordinatorMessage, CborSerializable {

  /** A worker announces itself with its slot count; sent on start and after a coordinator restart. */
  record Register(ActorRef<WorkerMessage> worker, int slots, String node) implements ToCoordinator {}

  /** A worker has {@code freeSlots} idle slots and asks for at most that many jobs. */
  record Pull(ActorRef<WorkerMessage> worker, int freeSlots) implements ToCoordinator {}

  /** A split attempt finished (successfully or with an error row). */
  record Done(ActorRef<WorkerMessage> worker, SplitResult result) implements ToCoordinator {}

  /**
   * A worker asks for chunk {@code chunk} (0-based) of the task bundle with this content hash; it
   * asks for the next chunk only when the previous one arrived, which is the back-pressure.
   */
  record FetchTask(ActorRef<WorkerMessage> worker, String taskHash, int chunk) implements ToCoordinator {}

  /**
   * A worker is leaving (SIGTERM): it stopped pulling and cancelled these running jobs, which the
   * coordinator re-queues at once instead of waiting for the node to be removed.
   */
  record HandBack(ActorRef<WorkerMessage> worker, List<String> jobIds, ActorRef<ToWorker.HandedBack> replyTo)
      implements ToCoordinator {}
}
