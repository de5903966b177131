package org.soakbench.coordinator.plan;

import java.util.SplittableRandom;

/** soakbench's own permutation source: Fisher-Yates over a {@link SplittableRandom} with a fixed seed. */
public final class SeededPermutations implements PermutationSource {
  private final SplittableRandom random;

  public SeededPermutations(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public int[] permutation(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}
