package org.soakbench.worker;

/**
 * How many jobs a worker holds beyond its busy slots, so that the next job is already there when
 * a slot frees: enough to cover two report round trips at the observed split rate, none when
 * splits take far longer than a round trip (a held long split would only wait while another
 * worker idles). Before it has seen a split and a round trip it holds none: a long first split held
 * on a busy worker would delay the run. Pure: the worker feeds it times.
 */
public final class PrefetchWindow {
  /** Weight of a new observation in the moving averages. */
  static final double ALPHA = 0.2;

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
    return (int) Math.min(max, Math.round(cover));
  }

  private static double average(double old, double sample) {
    return Double.isNaN(old) ? sample : old + ALPHA * (sample - old);
  }
}
