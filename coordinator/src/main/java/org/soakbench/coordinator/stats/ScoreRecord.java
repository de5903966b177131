package org.soakbench.coordinator.stats;

/** One row of a score table as the statistics need it; {@code value} is null for an error row (R's NA). */
public record ScoreRecord(
    String taskId,
    String algorithm,
    String testSubset,
    String trainSubsets,
    int groups,
    int testFold,
    int seed,
    int nTrainGroups,
    Double value) {}
