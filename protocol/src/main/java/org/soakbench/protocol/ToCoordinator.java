package org.soakbench.protocol;

import org.apache.pekko.actor.typed.ActorRef;

/** Requests a worker sends to the coordinator. */
public sealed interface ToCoordinator extends CoordinatorMessage, CborSerializable {

  /** A worker announces itself with its slot count; sent on start and after a coordinator restart. */
  record Register(ActorRef<WorkerMessage> worker, int slots, String node) implements ToCoordinator {}

  /** A worker has {@code freeSlots} idle slots and asks for at most that many jobs. */
  record Pull(ActorRef<WorkerMessage> worker, int freeSlots) implements ToCoordinator {}

  /** A split attempt finished (successfully or with an error row). */
  record Done(ActorRef<WorkerMessage> worker, SplitResult result) implements ToCoordinator {}

  /** A worker needs the task bundle with this content hash. */
  record FetchTask(ActorRef<WorkerMessage> worker, String taskHash) implements ToCoordinator {}
}
