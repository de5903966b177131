package org.soakbench.protocol;

import java.util.List;

/** Replies the coordinator sends to a worker. */
public sealed interface ToWorker extends WorkerMessage, CborSerializable {

  /** Jobs for the worker's free slots (never more than it asked for). */
  record Assign(List<SplitJob> jobs) implements ToWorker {}

  /** The queue is empty right now; the worker pulls again after {@code retryMillis}. */
  record NothingYet(long retryMillis) implements ToWorker {}

  /** The run is over; the worker may stop. */
  record Finished() implements ToWorker {}

  /** The task bundle a worker asked for. */
  record TaskReply(TaskBundle bundle) implements ToWorker {}
}
