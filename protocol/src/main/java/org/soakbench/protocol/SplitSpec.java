package org.soakbench.protocol;

/**
 * One resampling iteration of a task, as {@code iteration.dt} of mlr3resampling describes it.
 * {@code chosenGroups} lists the group codes kept in a down-sampled train set, ascending; it is
 * null when every candidate group is kept (the full-size train set).
 */
public record SplitSpec(
    int iteration,
    String testSubset,
    String trainSubsets,
    int groups,
    int testFold,
    int seed,
    int nTrainGroups,
    int[] chosenGroups)
    implements CborSerializable {}
