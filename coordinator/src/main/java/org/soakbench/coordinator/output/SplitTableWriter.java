package org.soakbench.coordinator.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.PlannedTask;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.SplitSpec;
import org.soakbench.protocol.TrainTest;

/** Writes the split table of {@code plan --splits}: the layout of {@code reference/seed/splits.csv}, 1-based row ids. */
public final class SplitTableWriter {
  private SplitTableWriter() {}

  public static void write(Path file, PlannedExperiment plan) throws IOException {
    CsvFile.write(file, out -> {
      out.printRecord("task_id", "iteration", "test.subset", "train.subsets", "groups", "test.fold", "seed",
          "n.train.groups", "test", "train");
      for (PlannedTask t : plan.tasks()) {
        ResamplingInstance instance = t.bundle().instance();
        for (SplitSpec s : instance.iterations()) {
          TrainTest rows = instance.rows(s.iteration());
          out.printRecord(t.id(), s.iteration(), s.testSubset(), s.trainSubsets(), s.groups(), s.testFold(), s.seed(),
              s.nTrainGroups(), ids(rows.test()), ids(rows.train()));
        }
      }
    });
  }

  private static String ids(int[] rows) {
    return Arrays.stream(rows).mapToObj(r -> String.valueOf(r + 1)).collect(Collectors.joining(" "));
  }
}
