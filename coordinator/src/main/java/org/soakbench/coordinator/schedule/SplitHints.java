package org.soakbench.coordinator.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.soakbench.coordinator.plan.JobLayout;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.protocol.BadInputException;

/**
 * Each split's seconds as an earlier run measured them (the experiment's {@code hints}: that run's
 * scores.csv, or any CSV of {@code task_id, learner_id, iteration} and {@code seconds} or
 * {@code train.seconds} [+ {@code predict.seconds}]). A rerun then hands out its splits longest
 * first from the start, before the cost model has seen any. Rows of splits not in this plan are
 * ignored (a grid that grew keeps the hints of the splits it kept).
 */
public final class SplitHints {
  private SplitHints() {}

  /** Per job the hinted seconds, NaN where none; null when the experiment names no hints file. */
  public static double[] read(PlannedExperiment plan) {
    String file = plan.experiment().execution().hints();
    return file == null ? null : read(Path.of(file), plan);
  }

  static double[] read(Path file, PlannedExperiment plan) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": hints file (experiment.hints) not found");
    }
    JobLayout layout = plan.layout();
    Map<String, Integer> task = new HashMap<>();
    for (int t = 0; t < plan.tasks().size(); t++) {
      task.put(plan.tasks().get(t).id(), t);
    }
    Map<String, Integer> learner = new HashMap<>();
    for (int l = 0; l < plan.learners().size(); l++) {
      learner.put(plan.learners().get(l).id(), l);
    }
    double[] seconds = new double[layout.total()];
    Arrays.fill(seconds, Double.NaN);
    try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ofNamedCsvRecord(file)) {
      boolean checked = false;
      for (NamedCsvRecord r : csv) {
        if (!checked) {
          List<String> header = r.getHeader();
          for (String col : List.of("task_id", "learner_id", "iteration")) {
            if (!header.contains(col)) {
              throw new BadInputException(file + ":1: hints need a column '" + col + "' (columns: "
                  + String.join(", ", header) + ")");
            }
          }
          if (!header.contains("seconds") && !header.contains("train.seconds")) {
            throw new BadInputException(file + ":1: hints need a column 'seconds' or 'train.seconds' (columns: "
                + String.join(", ", header) + ")");
          }
          checked = true;
        }
        Integer t = task.get(r.getField("task_id"));
        Integer l = learner.get(r.getField("learner_id"));
        int line = (int) r.getStartingLineNumber();
        int i = (int) number(r, "iteration", file, line);
        String raw = r.findField("seconds").orElseGet(() -> r.getField("train.seconds")).trim();
        if (t == null || l == null || i < 1 || i > layout.iterations(t) || raw.isEmpty() || raw.equals("NA")) {
          continue; // another grid's split, or an error row without a time
        }
        double s = r.findField("seconds").isPresent() ? number(r, "seconds", file, line)
            : number(r, "train.seconds", file, line)
                + (r.findField("predict.seconds").isPresent() ? number(r, "predict.seconds", file, line) : 0);
        seconds[layout.job(t, l, i)] = s;
      }
    } catch (IOException | CsvParseException e) {
      throw new BadInputException(file + ": cannot read the hints file: " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    return seconds;
  }

  private static double number(NamedCsvRecord r, String col, Path file, int line) {
    String raw = r.getField(col);
    try {
      double v = Double.parseDouble(raw.trim());
      if (v >= 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadInputException(file + ":" + line + ": column '" + col + "': expected a number >= 0, got '" + raw + "'");
  }
}
