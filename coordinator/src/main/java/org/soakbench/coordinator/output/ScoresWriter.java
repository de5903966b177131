package org.soakbench.coordinator.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.soakbench.coordinator.record.RecordStore;

/**
 * Writes {@code scores.csv}: one row per split x learner in mlr3resampling {@code score()} naming,
 * sorted by (task, learner, iteration) in experiment order so it never depends on timing. Rows are
 * formatted from the store in chunks, on every core, and written in order; the file is written to a
 * temporary name and renamed, so a crash never leaves half a table.
 */
public final class ScoresWriter {
  private ScoresWriter() {}

  public static void write(Path file, RecordStore store) throws IOException {
    List<String> measureColumns = store.measureColumns();
    List<String> header = new ArrayList<>(List.of("task_id", "learner_id", "algorithm", "iteration", "test.subset",
        "train.subsets", "groups", "test.fold", "seed", "n.train.groups"));
    header.addAll(measureColumns);
    header.addAll(List.of("n.train", "n.test", "train.seconds", "predict.seconds", "worker", "attempts", "error"));
    int[] sorted = store.sortedRows();
    CsvFile.writeParallel(file, header, sorted.length, (out, from, to) -> {
      String[] cells = new String[header.size()];
      for (int i = from; i < to; i++) {
        int row = sorted[i];
        RecordStore.LearnerKey l = store.learner(row);
        RecordStore.Shape s = store.shape(row);
        int c = 0;
        cells[c++] = store.task(row).id();
        cells[c++] = l.id();
        cells[c++] = l.algorithm();
        cells[c++] = String.valueOf(store.iteration(row));
        cells[c++] = s.testSubset();
        cells[c++] = s.trainSubsets();
        cells[c++] = String.valueOf(s.groups());
        cells[c++] = String.valueOf(s.testFold());
        cells[c++] = String.valueOf(s.seed());
        cells[c++] = String.valueOf(s.nTrainGroups());
        for (String col : measureColumns) {
          Double v = store.value(row, col);
          cells[c++] = v == null ? "" : Formats.number(v);
        }
        cells[c++] = String.valueOf(store.nTrain(row));
        cells[c++] = String.valueOf(store.nTest(row));
        cells[c++] = Formats.number(store.trainSeconds(row));
        cells[c++] = Formats.number(store.predictSeconds(row));
        cells[c++] = store.worker(row).name();
        cells[c++] = String.valueOf(store.attempts(row));
        String error = store.error(row);
        cells[c] = error == null ? "" : error;
        out.printRecord((Object[]) cells);
      }
    });
  }
}
