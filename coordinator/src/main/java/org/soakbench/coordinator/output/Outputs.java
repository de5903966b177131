package org.soakbench.coordinator.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.coordinator.report.HtmlReport;
import org.soakbench.coordinator.report.PValuePlot;
import org.soakbench.coordinator.report.ScorePlot;
import org.soakbench.coordinator.stats.PValue;
import org.soakbench.coordinator.stats.PValueWriter;
import org.soakbench.coordinator.stats.ScoreRecord;

/**
 * Everything a run writes from its recorded splits: the score table, the statistics and their plots. The
 * collector calls it at the end of a run and {@code soakbench report} calls it on a journal, so
 * both produce the same files.
 */
public final class Outputs {
  private Outputs() {}

  /** What was written, and why the statistics were skipped if they were. */
  public record Written(String valueVar, PValue.Tables pvalue, String statsSkipped) {}

  /**
   * @param measure the measure column for the statistics, or null for the first one (as {@code pvalue()} picks)
   */
  public static Written write(Path dir, List<SplitRecord> records, String measure) throws IOException {
    ScoresWriter.write(dir.resolve("scores.csv"), records);
    List<SplitRecord> sorted = ScoresWriter.sorted(records);
    List<String> columns = ScoresWriter.measureColumns(sorted);
    String valueVar = measure != null ? measure : columns.isEmpty() ? null : columns.get(0);
    if (valueVar == null || !columns.contains(valueVar)) {
      return new Written(valueVar, null, "no measure column " + valueVar + " (columns: " + columns + ")");
    }
    ScorePlot.save(sorted, valueVar, dir.resolve("score.png"), dir.resolve("score.svg"));
    List<ScoreRecord> scores = scoreRecords(sorted, valueVar);
    PValue.Tables t = null;
    String why = null;
    try {
      t = PValue.pvalue(scores, valueVar);
      PValueWriter.writePValue(t, dir.resolve("pvalue_stats.csv"), dir.resolve("pvalue_pvals.csv"));
      PValuePlot.save(t, dir.resolve("pvalue.png"), dir.resolve("pvalue.svg"));
    } catch (IllegalArgumentException e) {
      why = e.getMessage();
    }
    HtmlReport.write(dir, sorted, valueVar, t, why, downsamples(scores, valueVar));
    return new Written(valueVar, t, why);
  }

  /** pvalue_downsample of every (task, algorithm, test subset) that has down-sampled train sets. */
  static List<PValue.DownsampleTables> downsamples(List<ScoreRecord> scores, String valueVar) {
    Map<List<String>, List<ScoreRecord>> combos = new LinkedHashMap<>();
    scores.forEach(s -> combos.computeIfAbsent(List.of(s.taskId(), s.algorithm(), s.testSubset()),
        k -> new ArrayList<>()).add(s));
    List<PValue.DownsampleTables> out = new ArrayList<>();
    for (List<ScoreRecord> combo : combos.values()) {
      if (combo.stream().anyMatch(s -> s.nTrainGroups() < s.groups())) {
        try {
          out.add(PValue.downsample(combo, valueVar));
        } catch (IllegalArgumentException e) {
          // a combination without the sets to compare at the small size has nothing to show
        }
      }
    }
    return out;
  }

  /** The score table rows that carry {@code valueVar}, in score-table order; error rows give NA. */
  public static List<ScoreRecord> scoreRecords(List<SplitRecord> sorted, String valueVar) {
    List<ScoreRecord> out = new ArrayList<>();
    for (SplitRecord r : sorted) {
      if (r.measures().containsKey(valueVar)) {
        out.add(new ScoreRecord(r.taskId(), r.algorithm(), r.testSubset(), r.trainSubsets(), r.groups(), r.testFold(),
            r.seed(), r.nTrainGroups(), r.measures().get(valueVar)));
      }
    }
    return out;
  }
}
