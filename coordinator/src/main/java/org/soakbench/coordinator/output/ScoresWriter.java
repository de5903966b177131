package org.soakbench.coordinator.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.soakbench.protocol.Measures;

/**
 * Writes {@code scores.csv}: one row per split x learner in mlr3resampling {@code score()} naming,
 * sorted by (task, learner, iteration) in experiment order so it never depends on timing. The file
 * is written to a temporary name and renamed, so a crash never leaves half a table.
 */
public final class ScoresWriter {
  private ScoresWriter() {}

  public static void write(Path file, List<ScoreRow> rows, List<String> measureColumns,
      Map<String, Integer> taskOrder, Map<String, Integer> learnerOrder) throws IOException {
    List<ScoreRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.<ScoreRow>comparingInt(r -> taskOrder.get(r.job().taskId()))
        .thenComparingInt(r -> learnerOrder.get(r.job().learner().id()))
        .thenComparingInt(r -> r.job().iteration()));
    List<String> header = new ArrayList<>(List.of("task_id", "learner_id", "algorithm", "iteration", "test.subset",
        "train.subsets", "groups", "test.fold", "seed", "n.train.groups"));
    header.addAll(measureColumns);
    header.addAll(List.of("n.train", "n.test", "train.seconds", "predict.seconds", "worker", "attempts", "error"));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
      out.printRecord(header);
      for (ScoreRow r : sorted) {
        List<String> cells = new ArrayList<>();
        var s = r.split();
        cells.addAll(List.of(r.job().taskId(), r.job().learner().id(), algorithm(r.job().learner().id()),
            String.valueOf(r.job().iteration()), s.testSubset(), s.trainSubsets(), String.valueOf(s.groups()),
            String.valueOf(s.testFold()), String.valueOf(s.seed()), String.valueOf(s.nTrainGroups())));
        for (String col : measureColumns) {
          int i = indexOf(r.job().measures(), col);
          boolean has = i >= 0 && !r.result().failed();
          cells.add(has ? Formats.number(r.result().measures().get(i)) : "");
        }
        var res = r.result();
        cells.addAll(List.of(String.valueOf(res.nTrain()), String.valueOf(res.nTest()),
            Formats.number(res.trainSeconds()), Formats.number(res.predictSeconds()), res.worker(),
            String.valueOf(r.attempts()), res.error() == null ? "" : res.error()));
        out.printRecord(cells);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** mlr3resampling's {@code sub(".*[.]", "", learner_id)}: {@code regr.rpart} becomes {@code rpart}. */
  public static String algorithm(String learnerId) {
    return learnerId.substring(learnerId.lastIndexOf('.') + 1);
  }

  private static int indexOf(List<String> measures, String column) {
    for (int i = 0; i < measures.size(); i++) {
      if (Measures.columnName(measures.get(i)).equals(column)) {
        return i;
      }
    }
    return -1;
  }
}
