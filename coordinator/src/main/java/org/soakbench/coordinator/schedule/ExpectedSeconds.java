package org.soakbench.coordinator.schedule;

/**
 * What a split is expected to take: an earlier run's time for it (the experiment's hints) where
 * there is one, else the cost model's prediction for its learner and size; NaN while unknown. The
 * one place the hand-out order, the walltime fit and speculation read it from.
 */
public final class ExpectedSeconds {
  private final CostModel costs;
  private final SplitSizes sizes;
  private final double[] hints;

  /** @param hints per job the seconds of an earlier run (NaN: none), or null */
  public ExpectedSeconds(CostModel costs, SplitSizes sizes, double[] hints) {
    this.costs = costs;
    this.sizes = sizes;
    this.hints = hints;
  }

  /** The earlier run's seconds of split {@code job}, NaN without one. */
  public double hint(int job) {
    return hints == null ? Double.NaN : hints[job];
  }

  public double of(int job) {
    double h = hint(job);
    return Double.isNaN(h) ? costs.predict(sizes.layout().learner(job), sizes.of(job)) : h;
  }
}
