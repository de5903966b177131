package org.soakbench.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The outcome of one split attempt. Measures are in the order of the job's measure set; a learner
 * failure is data ({@code error} set, measures empty), never an exception crossing the wire. Sent
 * as a bare CBOR array, many to a {@link ToCoordinator.Report}.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"job", "attempt", "measures", "nTrain", "nTest", "trainSeconds", "predictSeconds", "error"})
public record SplitResult(
    int job,
    int attempt,
    List<Double> measures,
    int nTrain,
    int nTest,
    double trainSeconds,
    double predictSeconds,
    String error)
    implements CborSerializable {

  /** The error of an attempt that ran out of memory: retried like a lost worker, not recorded at once. */
  public static final String OUT_OF_MEMORY = "out of memory";

  /**
   * The start of the error of an attempt whose learner process died (an R or Python interpreter
   * that quit or crashed): retried like a lost worker, the reason after it.
   */
  public static final String PROCESS_DIED = "learner process died: ";

  /** Longer error messages are cut: a report of many failures must stay far below Artery's frame. */
  public static final int MAX_ERROR_CHARS = 1000;

  public SplitResult {
    if (error != null && error.length() > MAX_ERROR_CHARS) {
      error = error.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }
  }

  /** An attempt that produced no scores. */
  public static SplitResult error(SplitJob job, int nTrain, int nTest, double trainSeconds, String error) {
    return new SplitResult(job.job(), job.attempt(), List.of(), nTrain, nTest, trainSeconds, 0, error);
  }

  public boolean failed() {
    return error != null;
  }

  public boolean outOfMemory() {
    return OUT_OF_MEMORY.equals(error);
  }

  /** The attempt was lost with its learner process: to be tried again, not recorded. */
  public boolean processDied() {
    return error != null && error.startsWith(PROCESS_DIED);
  }

  /** An upper bound of this result's size in CBOR bytes (UTF-8 takes at most 3 bytes a Java char). */
  public int wireBytesBound() {
    return 64 + 9 * measures.size() + (error == null ? 0 : 3 * error.length());
  }
}
