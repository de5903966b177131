package org.soakbench.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * The instantiated resampling of one task: per-row subset, group and fold, plus the iteration
 * table. Every random draw was made by the planner; turning an iteration into row sets is a pure
 * function of this record, so coordinator and workers agree on it without shipping row lists.
 */
public record ResamplingInstance(
    List<String> subsetLevels,
    int[] subset,
    int[] group,
    int[] fold,
    List<SplitSpec> iterations)
    implements CborSerializable {

  public SplitSpec iteration(int iteration) {
    SplitSpec spec = iterations.get(iteration - 1);
    if (spec.iteration() != iteration) {
      throw new IllegalStateException("iteration table out of order at " + iteration);
    }
    return spec;
  }

  /** The train and test rows of an iteration (1-based iteration number). */
  public TrainTest rows(int iteration) {
    SplitSpec spec = iteration(iteration);
    int testSubset = subsetLevels.indexOf(spec.testSubset());
    int[] chosen = spec.chosenGroups();
    boolean same = trainsOnSame(spec.trainSubsets());
    boolean other = trainsOnOther(spec.trainSubsets());
    int testFold = spec.testFold();
    int[] train = new int[fold.length];
    int[] test = new int[fold.length];
    int nTrain = 0;
    int nTest = 0;
    for (int row = 0; row < fold.length; row++) {
      boolean sameSubset = subset[row] == testSubset;
      if (fold[row] == testFold) {
        if (sameSubset) {
          test[nTest++] = row;
        }
      } else if ((sameSubset ? same : other)
          && (chosen == null || Arrays.binarySearch(chosen, group[row]) >= 0)) {
        train[nTrain++] = row;
      }
    }
    return new TrainTest(Arrays.copyOf(train, nTrain), Arrays.copyOf(test, nTest));
  }

  private static boolean trainsOnSame(String trainSubsets) {
    return switch (trainSubsets) {
      case "same", "all" -> true;
      case "other" -> false;
      default -> throw new IllegalArgumentException("unknown train.subsets " + trainSubsets);
    };
  }

  private static boolean trainsOnOther(String trainSubsets) {
    return !trainSubsets.equals("same");
  }
}
