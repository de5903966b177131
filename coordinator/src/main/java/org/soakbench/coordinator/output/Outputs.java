package org.soakbench.coordinator.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.report.HtmlReport;
import org.soakbench.coordinator.report.PValuePlot;
import org.soakbench.coordinator.report.ScorePlot;
import org.soakbench.coordinator.schedule.CostAccount;
import org.soakbench.coordinator.stats.PValue;
import org.soakbench.coordinator.stats.PValueWriter;
import org.soakbench.coordinator.stats.ScoreRecord;

/**
 * Everything a run writes from its recorded splits: the score table, the statistics and their plots. The
 * collector calls it at the end of a run and {@code soakbench report} calls it on a journal, so
 * both produce the same files. Nothing here holds an object per split: tables stream from the
 * store, statistics go one (task, test subset) group at a time.
 */
public final class Outputs {
  private Outputs() {}

  /**
   * What was written, why the statistics were skipped if they were, and the seconds each output took
   * (file name to seconds, in the order written).
   */
  public record Written(String valueVar, PValue.Tables pvalue, String statsSkipped, Map<String, Double> seconds) {}

  /** Times the outputs as they are written. */
  private static final class Clock {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String what) {
      long now = System.nanoTime();
      seconds.put(what, (now - last) / 1e9);
      last = now;
    }
  }

  /**
   * @param measure the measure column for the statistics, or null for the first one (as {@code pvalue()} picks)
   */
  public static Written write(Path dir, RecordStore store, String measure) throws IOException {
    return write(dir, store, measure, List.of());
  }

  /** As {@link #write(Path, RecordStore, String)}, with the cost model's account for report.html (empty: none). */
  public static Written write(Path dir, RecordStore store, String measure, List<CostAccount.Line> costs)
      throws IOException {
    Clock clock = new Clock();
    List<String> columns = store.measureColumns();
    String valueVar = measure != null ? measure : columns.isEmpty() ? null : columns.get(0);
    boolean plot = valueVar != null && columns.contains(valueVar);
    // the store is only read from here on: the score table and the two score plots go on threads of
    // their own (each plot builds its own charts: XChart is not thread-safe), the statistics here
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      Future<Double> scores = pool.submit(timed(() -> ScoresWriter.write(dir.resolve("scores.csv"), store)));
      // the figure's data is read once, for both formats; its task goes into the pool before the two
      // that wait for it, so a pool thread always builds it first and the waits cannot deadlock
      Future<ScorePlot.Figure> figure = plot ? pool.submit(() -> ScorePlot.figure(store, valueVar)) : null;
      Future<Double> png = plot
          ? pool.submit(timed(() -> PoolResults.await(figure).savePng(dir.resolve("score.png")))) : null;
      Future<Double> svg = plot
          ? pool.submit(timed(() -> PoolResults.await(figure).saveSvg(dir.resolve("score.svg")))) : null;
      if (!plot) {
        clock.seconds.put("scores.csv", PoolResults.await(scores));
        return new Written(valueVar, null, "no measure column " + valueVar + " (columns: " + columns + ")",
            clock.seconds);
      }
      PValue.Tables t = null;
      String why = null;
      try {
        t = PValue.pvalue(store, valueVar);
        clock.lap("p-values");
        PValueWriter.writePValue(t, dir.resolve("pvalue_stats.csv"), dir.resolve("pvalue_pvals.csv"));
        PValuePlot.save(t, dir.resolve("pvalue.png"), dir.resolve("pvalue.svg"));
        clock.lap("p-value tables and plot");
      } catch (IllegalArgumentException e) {
        why = e.getMessage();
      }
      List<PValue.DownsampleTables> downsamples = downsamples(store, valueVar);
      clock.lap("down-sampled p-values");
      clock.seconds.put("score.png", PoolResults.await(png)); // the report inlines it
      clock.lap("waiting for score.png");
      HtmlReport.write(dir, store, valueVar, t, why, downsamples, costs);
      clock.lap("report.html");
      clock.seconds.put("score.svg", PoolResults.await(svg));
      clock.seconds.put("scores.csv", PoolResults.await(scores));
      return new Written(valueVar, t, why, clock.seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes one file. */
  @FunctionalInterface
  private interface Writing {
    void write() throws IOException;
  }

  private static Callable<Double> timed(Writing w) {
    return () -> {
      long start = System.nanoTime();
      w.write();
      return (System.nanoTime() - start) / 1e9;
    };
  }

  /**
   * pvalue_downsample of every (task, algorithm, test subset) that has down-sampled train sets, in
   * order of first appearance in the score table.
   */
  static List<PValue.DownsampleTables> downsamples(RecordStore store, String valueVar) {
    record Combo(long first, List<ScoreRecord> scores) {}
    List<Combo> combos = new ArrayList<>();
    for (int g = 0; g < store.groups().size(); g++) {
      int[] rows = store.groupRows(g);
      boolean downSampled = false;
      for (int row : rows) {
        RecordStore.Shape s = store.shape(row);
        downSampled |= s.nTrainGroups() < s.groups();
      }
      if (!downSampled) {
        continue; // most experiments: nothing to build a score object per split for
      }
      Map<String, Combo> byAlgorithm = new LinkedHashMap<>();
      for (int row : rows) {
        if (store.has(row, valueVar)) {
          byAlgorithm.computeIfAbsent(store.learner(row).algorithm(), a -> new Combo(store.order(row), new ArrayList<>()))
              .scores().add(PValue.score(store, row, valueVar));
        }
      }
      combos.addAll(byAlgorithm.values());
    }
    combos.sort(Comparator.comparingLong(Combo::first));
    List<PValue.DownsampleTables> out = new ArrayList<>();
    for (Combo combo : combos) {
      if (combo.scores().stream().anyMatch(s -> s.nTrainGroups() < s.groups())) {
        try {
          out.add(PValue.downsample(combo.scores(), valueVar));
        } catch (IllegalArgumentException e) {
          // a combination without the sets to compare at the small size has nothing to show
        }
      }
    }
    return out;
  }
}
