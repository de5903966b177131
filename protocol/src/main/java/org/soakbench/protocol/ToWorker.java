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

  /**
   * One chunk of a serialised task bundle. {@code sha256} is the digest of the whole serialised
   * bundle, so the worker can check what it reassembled.
   */
  record TaskChunk(String taskHash, int chunk, int chunks, String sha256, byte[] bytes) implements ToWorker {}

  /** The lease of this attempt expired: stop working on it (its result would be dropped anyway). */
  record Cancel(String jobId, int attempt) implements ToWorker {}

  /** The coordinator has re-queued the jobs a leaving worker handed back. */
  record HandedBack(int jobs) implements ToWorker {}
}
