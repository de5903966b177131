package org.soakbench.coordinator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.record.SplitRecord;

/**
 * Writes every output once, of a small made-up run, into a temporary folder that is then deleted, on
 * a background thread of low priority while a long run goes on. The first outputs a JVM writes cost
 * about twice the next ones (AWT's fonts, XChart's and the CSV writer's classes, code not yet
 * compiled): done during the run, that cost no longer falls between the last split and the files.
 */
public final class OutputsWarmup {
  private static boolean started;

  private OutputsWarmup() {}

  /** Starts the warm-up once per JVM; later calls do nothing. */
  public static synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    Thread t = new Thread(OutputsWarmup::run, "outputs-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void run() {
    Path dir;
    try {
      dir = Files.createTempDirectory("soakbench-warmup");
    } catch (IOException e) {
      return; // only time is at stake: the real outputs are written the same way, warm or not
    }
    // a run that ends first must not leave the folder behind
    Thread cleanup = new Thread(() -> delete(dir), "outputs-warmup-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      Outputs.write(dir, sample(), null);
    } catch (IOException | RuntimeException e) {
      // as above
    } finally {
      delete(dir);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
  }

  /**
   * A made-up SOAK run: 8 tasks x 8 learners (as many panels as a score plot draws) x same, other,
   * all x 3 folds, two test subsets, values varied enough for every statistic.
   */
  static RecordStore sample() {
    RecordStore store = new RecordStore(8 * 8 * 18);
    String[] subsets = {"same", "other", "all"};
    int iteration = 0;
    for (int t = 0; t < 8; t++) {
      for (int l = 0; l < 8; l++) {
        iteration = 0;
        for (String test : new String[] {"A", "B"}) {
          for (String train : subsets) {
            for (int fold = 1; fold <= 3; fold++) {
              iteration++;
              Map<String, Double> measures = new LinkedHashMap<>();
              double v = 1 + 0.1 * l + 0.01 * ((iteration * 7919 + t * 104729) % 97);
              measures.put("regr.mse", v);
              measures.put("regr.mae", Math.sqrt(v));
              store.add(new SplitRecord("t" + t + "/regr.l" + l + "/" + iteration, "t" + t, "h" + t, t,
                  "regr.l" + l, l, iteration, test, train, 2, fold, 1, train.equals("all") ? 2 : 1, measures,
                  100, 50, 0.001 * v, 0.0001 * v, "w" + (iteration % 2), 1, 1, 1_000L * iteration,
                  1_000L * iteration + 5, null));
            }
          }
        }
      }
    }
    return store;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder left behind is the system's to clean
    }
  }
}
