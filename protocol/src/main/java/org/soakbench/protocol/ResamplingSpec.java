package org.soakbench.protocol;

/**
 * The resampling of an experiment, with the parameters of mlr3resampling's
 * {@code ResamplingSameOtherSizesCV}. {@code rng} is {@code soakbench} or {@code r}; with {@code r},
 * permutations come from R's generator after {@code set.seed(rSeed)} and {@code rSkip} discarded
 * uniform draws.
 */
public record ResamplingSpec(
    String type,
    int folds,
    int seeds,
    double ratio,
    int sizes,
    boolean ignoreSubset,
    String subsets,
    String groupStratumAlgo,
    String rng,
    int rSeed,
    long rSkip)
    implements CborSerializable {

  public static ResamplingSpec defaults() {
    return new ResamplingSpec("soak", 3, 1, 0.5, -1, false, "SOA", "RSS", "soakbench", 1, 0);
  }
}
