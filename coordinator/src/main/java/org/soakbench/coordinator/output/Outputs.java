package org.soakbench.coordinator.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.report.HtmlReport;
import org.soakbench.coordinator.report.PValuePlot;
import org.soakbench.coordinator.report.ScorePlot;
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
    Clock clock = new Clock();
    ScoresWriter.write(dir.resolve("scores.csv"), store);
    clock.lap("scores.csv");
    List<String> columns = store.measureColumns();
    String valueVar = measure != null ? measure : columns.isEmpty() ? null : columns.get(0);
    if (valueVar == null || !columns.contains(valueVar)) {
      return new Written(valueVar, null, "no measure column " + valueVar + " (columns: " + columns + ")", clock.seconds);
    }
    ScorePlot.save(store, valueVar, dir.resolve("score.png"), dir.resolve("score.svg"));
    clock.lap("score plot");
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
    HtmlReport.write(dir, store, valueVar, t, why, downsamples);
    clock.lap("report.html");
    return new Written(valueVar, t, why, clock.seconds);
  }

  /**
   * pvalue_downsample of every (task, algorithm, test subset) that has down-sampled train sets, in
   * order of first appearance in the score table.
   */
  static List<PValue.DownsampleTables> downsamples(RecordStore store, String valueVar) {
    record Combo(long first, List<ScoreRecord> scores) {}
    List<Combo> combos = new ArrayList<>();
    for (int g = 0; g < store.groups().size(); g++) {
      Map<String, Combo> byAlgorithm = new LinkedHashMap<>();
      for (int row : store.groupRows(g)) {
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
