package org.soakbench.worker.learn;

import java.util.Set;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.TaskKind;

/**
 * A diagnostic learner: waits, then predicts like featureless. {@code millis} waits the same for
 * every split; {@code millis-column} names a feature column whose i-th value (data-file order,
 * cycling) is the wait of iteration i, to replay a workload of known, uneven durations;
 * {@code millis-per-row} adds that many (fractional) milliseconds per train row, for a workload
 * whose cost grows with the train set as a real learner's does (without it {@code millis} defaults
 * to 0 instead of 100); {@code allocate-mb} allocates that much memory first; {@code uninterruptible} waits through
 * interrupts, as a native learner that cannot be stopped does. For fault tests (hung splits, slow workers,
 * out of memory) and scheduling benchmarks.
 */
public final class SleepLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "sleep";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("millis", "millis-column", "millis-per-row", "allocate-mb", "uninterruptible");
  }

  @Override
  public Trainer configure(LearnerParams params, TaskKind kind) {
    double perRow = params.number("millis-per-row", 0, 0, 1e6);
    long millis = params.integer("millis", params.has("millis-per-row") ? 0 : 100, 0, Integer.MAX_VALUE);
    String column = params.word("millis-column", null, null);
    int allocateMb = params.integer("allocate-mb", 0, 0, 1_000_000);
    boolean uninterruptible = params.bool("uninterruptible", false);
    Trainer featureless = new FeaturelessLearner().configure(params, kind);
    return (data, rows, split) -> {
      long wait = millis;
      if (column != null) {
        FeatureColumn c = data.features().stream().filter(f -> f.name().equals(column)).findFirst()
            .orElseThrow(() -> new BadInputException("millis-column '" + column + "' is not a feature of task " + data.taskId()));
        wait = (long) c.values()[(split.iteration() - 1) % c.values().length];
      }
      wait += Math.round(perRow * rows.length);
      // a diagnostic allocation for out-of-memory tests; held until the sleep is over
      byte[] ballast = allocateMb > 0 ? new byte[(int) Math.min(Integer.MAX_VALUE - 8, allocateMb * 1024L * 1024L)] : null;
      if (uninterruptible) {
        sleepThroughInterrupts(wait);
      } else if (wait > 0) {
        // Thread.sleep(0) is a sched_yield: on a busy machine it hands the core away for a time slice
        Thread.sleep(wait);
      }
      java.lang.ref.Reference.reachabilityFence(ballast);
      return featureless.fit(data, rows, split);
    };
  }

  /** Waits the whole time whatever interrupts come, then keeps the interrupt for the caller to see. */
  private static void sleepThroughInterrupts(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    boolean interrupted = false;
    for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
      try {
        Thread.sleep(left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
