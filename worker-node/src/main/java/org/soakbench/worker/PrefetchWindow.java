package org.soakbench.worker;

/**
 * How many jobs a worker holds beyond its busy slots, so that the next job is already there when
 * a slot frees: enough to cover two report round trips at the observed split rate; at least one
 * while a round trip costs {@link #WORTH_HOLDING} of a split or more and splits are short (20 ms
 * splits lose 6 % to a 1.2 ms round trip each; a held job then waits at most one short split);
 * none when splits take far longer (a held job would wait behind a long split while another
 * worker idles, which breaks the longest-first order's bound). Before it has seen a split and a round trip it holds none: a long
 * first split held on a busy worker would delay the run. Pure: the worker feeds it times.
 */
public final class PrefetchWindow {
  /** Weight of a new observation in the moving averages. */
  static final double ALPHA = 0.2;
  /** The share of a split's time that a round trip must cost before one job is held to hide it. */
  static final double WORTH_HOLDING = 0.01;
  /** Splits longer than this on average get no job held for the round trip alone. */
  static final long SHORT_SPLIT_NANOS = 100_000_000;

  private final int max;
  private double roundTripNanos = Double.NaN;
  private double splitNanos = Double.NaN;

  public PrefetchWindow(int max) {
    this.max = max;
  }

  public void roundTrip(long nanos) {
    roundTripNanos = average(roundTripNanos, nanos);
  }

  public void split(long nanos) {
    splitNanos = average(splitNanos, Math.max(1, nanos));
  }

  /** The average split time seen so far, {@code Long.MAX_VALUE} before the first. */
  public long splitNanos() {
    return Double.isNaN(splitNanos) ? Long.MAX_VALUE : (long) splitNanos;
  }

  /** The number of jobs to hold beyond {@code slots} running ones. */
  public int size(int slots) {
    if (Double.isNaN(splitNanos) || Double.isNaN(roundTripNanos)) {
      return 0;
    }
    double cover = slots * 2 * roundTripNanos / splitNanos;
    long hold = Math.round(cover);
    if (hold == 0 && roundTripNanos >= WORTH_HOLDING * splitNanos && splitNanos <= SHORT_SPLIT_NANOS) {
      hold = 1;
    }
    return (int) Math.min(max, hold);
  }

  private static double average(double old, double sample) {
    return Double.isNaN(old) ? sample : old + ALPHA * (sample - old);
  }
}
