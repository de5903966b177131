package org.soakbench.coordinator.plan;

/**
 * The planner's only source of randomness. Injectable so tests can replay R's logged permutations
 * and so the R-compatible generator can be swapped in.
 */
public interface PermutationSource {

  /** A uniformly random permutation of 1..n (1-based, as R's {@code sample(n)} returns). */
  int[] permutation(int n);
}
