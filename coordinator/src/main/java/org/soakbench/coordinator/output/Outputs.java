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

  /** What was written, and why the statistics were skipped if they were. */
  public record Written(String valueVar, PValue.Tables pvalue, String statsSkipped) {}

  /**
   * @param measure the measure column for the statistics, or null for the first one (as {@code pvalue()} picks)
   */
  public static Written write(Path dir, RecordStore store, String measure) throws IOException {
    ScoresWriter.write(dir.resolve("scores.csv"), store);
    List<String> columns = store.measureColumns();
    String valueVar = measure != null ? measure : columns.isEmpty() ? null : columns.get(0);
    if (valueVar == null || !columns.contains(valueVar)) {
      return new Written(valueVar, null, "no measure column " + valueVar + " (columns: " + columns + ")");
    }
    ScorePlot.save(store, valueVar, dir.resolve("score.png"), dir.resolve("score.svg"));
    PValue.Tables t = null;
    String why = null;
    try {
      t = PValue.pvalue(store, valueVar);
      PValueWriter.writePValue(t, dir.resolve("pvalue_stats.csv"), dir.resolve("pvalue_pvals.csv"));
      PValuePlot.save(t, dir.resolve("pvalue.png"), dir.resolve("pvalue.svg"));
    } catch (IllegalArgumentException e) {
      why = e.getMessage();
    }
    HtmlReport.write(dir, store, valueVar, t, why, downsamples(store, valueVar));
    return new Written(valueVar, t, why);
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
