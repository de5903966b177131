package org.soakbench.protocol;

import java.util.List;

/** Replies the coordinator sends to a worker. */
public sealed interface ToWorker extends WorkerMessage, CborSerializable {

  /**
   * The answer to {@link ToCoordinator.Register}: what the job numbers of this run refer to.
   * {@code run} is the experiment's fingerprint: a worker keeps its cached task data across
   * coordinators only while it stays the same.
   */
  record Welcome(String run, List<LearnerSpec> learners, List<List<String>> measureSets) implements ToWorker {}

  /**
   * The answer to one {@link ToCoordinator.Report}: jobs (never more than it wanted, possibly none).
   * When none came although some were wanted, the worker asks again after {@code retryMillis}.
   */
  record Assign(List<SplitJob> jobs, long retryMillis) implements ToWorker {}

  /** The run is over; the worker may stop. */
  record Finished() implements ToWorker {}

  /**
   * One chunk of task number {@code task}'s serialised bundle ({@code hash} is its content hash).
   * {@code sha256} is the digest of the whole serialised bundle, so the worker can check what it
   * reassembled.
   */
  record TaskChunk(int task, String hash, int chunk, int chunks, String sha256, byte[] bytes) implements ToWorker {}

  /**
   * Stop working on this attempt, its result would be dropped anyway; {@code reason} says why (its
   * lease expired, or a copy of the split finished first) for the worker's log.
   */
  record Cancel(int job, int attempt, String reason) implements ToWorker {
    public static final String LEASE_EXPIRED = "lease expired";
    public static final String COPY_FINISHED = "a copy finished first";
  }

  /** The coordinator has re-queued the jobs a leaving worker handed back. */
  record HandedBack(int jobs) implements ToWorker {}
}
