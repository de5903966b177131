package org.soakbench.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.soakbench.coordinator.collect.Journal;
import org.soakbench.coordinator.output.Outputs;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.stats.PValue;
import org.soakbench.coordinator.stats.PValueWriter;
import org.soakbench.coordinator.stats.ScoreRecord;
import org.soakbench.protocol.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code soakbench report DIR}: rebuilds the score table and statistics of a run from its journal alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Recompute scores.csv and the p-value tables of DIR from DIR/journal.jsonl.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "output folder of a run")
  Path dir;

  @Option(names = "--measure", paramLabel = "COLUMN", description = "measure column for the statistics, e.g. "
      + "regr.mae (default: the first measure)")
  String measure;

  @Option(names = "--downsample", paramLabel = "TASK,ALGORITHM,SUBSET",
      description = "also write pvalue_downsample tables for this task, algorithm and test subset")
  String downsample;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(dir + ": not a folder");
    }
    RecordStore records = Journal.read(dir.resolve("journal.jsonl"));
    OutputFolder.requireWritable(dir);
    if (records.size() == 0) {
      throw new BadInputException(dir.resolve("journal.jsonl") + ": no recorded splits");
    }
    List<String> columns = records.measureColumns();
    if (measure != null && !columns.contains(measure)) {
      throw new BadInputException("--measure: '" + measure + "' is not a measure of this run (expected one of "
          + String.join(", ", columns) + ")");
    }
    Outputs.Written w = Outputs.write(dir, records, measure);
    System.out.println(records.size() + " splits -> " + dir.resolve("scores.csv"));
    System.out.println(w.statsSkipped() == null ? "p-values of " + w.valueVar() + " -> " + dir.resolve("pvalue_stats.csv")
        + ", " + dir.resolve("pvalue_pvals.csv") : "no p-value tables: " + w.statsSkipped());
    if (downsample != null) {
      writeDownsample(records, w.valueVar());
    }
    return 0;
  }

  private void writeDownsample(RecordStore records, String valueVar) throws java.io.IOException {
    String[] parts = downsample.split(",", -1);
    if (parts.length != 3) {
      throw new BadInputException("--downsample: expected TASK,ALGORITHM,SUBSET, got '" + downsample + "'");
    }
    List<ScoreRecord> mine = new ArrayList<>();
    for (int row : records.sortedRows()) {
      ScoreRecord s = PValue.score(records, row, valueVar);
      if (records.has(row, valueVar) && s.taskId().equals(parts[0]) && s.algorithm().equals(parts[1])
          && s.testSubset().equals(parts[2])) {
        mine.add(s);
      }
    }
    if (mine.isEmpty()) {
      throw new BadInputException("--downsample: no splits of task '" + parts[0] + "', algorithm '" + parts[1]
          + "', test subset '" + parts[2] + "'");
    }
    PValue.DownsampleTables t;
    try {
      t = PValue.downsample(mine, valueVar);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--downsample: " + e.getMessage());
    }
    PValueWriter.writeDownsample(t, dir.resolve("pvalue_downsample_stats.csv"), dir.resolve("pvalue_downsample_pvals.csv"),
        dir.resolve("pvalue_downsample_caption.txt"));
    System.out.println("down-sample p-values -> " + dir.resolve("pvalue_downsample_stats.csv"));
  }
}
