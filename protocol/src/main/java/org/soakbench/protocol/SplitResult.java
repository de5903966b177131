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

  public boolean failed() {
    return error != null;
  }
}
