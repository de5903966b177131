package org.soakbench.protocol;

import java.util.List;

/**
 * The outcome of one split attempt. Measures are in the job's measure order; a learner failure
 * is data ({@code error} set, measures empty), never an exception crossing the wire.
 */
public record SplitResult(
    String jobId,
    int attempt,
    List<Double> measures,
    int nTrain,
    int nTest,
    double trainSeconds,
    double predictSeconds,
    String worker,
    String error)
    implements CborSerializable {

  /** The error of an attempt that ran out of memory: retried like a lost worker, not recorded at once. */
  public static final String OUT_OF_MEMORY = "out of memory";

  public boolean failed() {
    return error != null;
  }

  public boolean outOfMemory() {
    return OUT_OF_MEMORY.equals(error);
  }
}
