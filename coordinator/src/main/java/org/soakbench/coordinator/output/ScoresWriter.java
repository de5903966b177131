package org.soakbench.coordinator.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Writes {@code scores.csv}: one row per split x learner in mlr3resampling {@code score()} naming,
 * sorted by (task, learner, iteration) in experiment order so it never depends on timing. The file
 * is written to a temporary name and renamed, so a crash never leaves half a table.
 */
public final class ScoresWriter {
  private ScoresWriter() {}

  /** Records in score-table order: task, then learner (experiment order), then iteration. */
  public static List<SplitRecord> sorted(List<SplitRecord> records) {
    List<SplitRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparingInt(SplitRecord::taskIndex).thenComparingInt(SplitRecord::learnerIndex)
        .thenComparingInt(SplitRecord::iteration));
    return sorted;
  }

  /** Every measure column of the records, in order of first use. */
  public static List<String> measureColumns(List<SplitRecord> sorted) {
    LinkedHashSet<String> cols = new LinkedHashSet<>();
    sorted.forEach(r -> cols.addAll(r.measures().keySet()));
    return List.copyOf(cols);
  }

  public static void write(Path file, List<SplitRecord> records) throws IOException {
    List<SplitRecord> sorted = sorted(records);
    List<String> measureColumns = measureColumns(sorted);
    List<String> header = new ArrayList<>(List.of("task_id", "learner_id", "algorithm", "iteration", "test.subset",
        "train.subsets", "groups", "test.fold", "seed", "n.train.groups"));
    header.addAll(measureColumns);
    header.addAll(List.of("n.train", "n.test", "train.seconds", "predict.seconds", "worker", "attempts", "error"));
    CsvFile.write(file, out -> {
      out.printRecord(header);
      for (SplitRecord r : sorted) {
        List<String> cells = new ArrayList<>(List.of(r.taskId(), r.learnerId(), r.algorithm(),
            String.valueOf(r.iteration()), r.testSubset(), r.trainSubsets(), String.valueOf(r.groups()),
            String.valueOf(r.testFold()), String.valueOf(r.seed()), String.valueOf(r.nTrainGroups())));
        for (String col : measureColumns) {
          Double v = r.measures().get(col);
          cells.add(v == null ? "" : Formats.number(v));
        }
        cells.addAll(List.of(String.valueOf(r.nTrain()), String.valueOf(r.nTest()), Formats.number(r.trainSeconds()),
            Formats.number(r.predictSeconds()), r.worker(), String.valueOf(r.attempts()),
            r.error() == null ? "" : r.error()));
        out.printRecord(cells);
      }
    });
  }
}
