package org.soakbench.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.TempFiles;
import org.soakbench.coordinator.config.ExperimentLoader;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;

/**
 * A classification task stratified by subset and label, the usual mlr3 stratification
 * ({@code stratum = [person, label]} with {@code target = label}): accepted, and by the SOAK rules
 * every (person, label) stratum is spread over the folds as evenly as it can be (fold sizes within
 * one row), each test set holds its test subset only, and same/other/all train on the right rows.
 */
class TargetStratumTest {
  @TempDir Path dir;

  @Test
  void theLabelMayBeAStratumAndEveryStratumIsSpreadEvenlyOverTheFolds() throws Exception {
    StringBuilder data = new StringBuilder("x,person,label\n");
    for (int i = 0; i < 97; i++) {
      String person = i % 3 == 0 ? "Bob" : "Alice";
      // an imbalanced label whose share differs between the persons
      String label = (i * 7) % 10 < (person.equals("Bob") ? 3 : 6) ? "yes" : "no";
      data.append(i * 0.1).append(',').append(person).append(',').append(label).append('\n');
    }
    TempFiles.write(dir, "data.csv", data.toString());
    Path exp = TempFiles.write(dir, "exp.conf", "experiment {\n  name = t\n  tasks = [ { id = cls, data = data.csv, "
        + "target = label, features = [x], subset = person, stratum = [person, label] } ]\n"
        + "  learners = [ { id = classif.featureless } ]\n  resampling { type = soak, folds = 3 }\n"
        + "  measures = [ce]\n}\n");
    PlannedExperiment plan = new ExperimentPlanner((spec, kind) -> { }).plan(ExperimentLoader.load(exp));
    PlannedTask task = plan.tasks().get(0);
    TaskData d = task.bundle().data();
    assertEquals(TaskKind.CLASSIFICATION, d.kind());
    ResamplingInstance r = task.bundle().instance();
    String[] person = new String[d.rows()];
    for (int row = 0; row < d.rows(); row++) {
      person[row] = row % 3 == 0 ? "Bob" : "Alice";
    }
    Map<String, int[]> perFold = new HashMap<>();
    for (int row = 0; row < d.rows(); row++) {
      String stratum = person[row] + "/" + d.classLevels().get((int) d.target()[row]);
      perFold.computeIfAbsent(stratum, k -> new int[4])[r.fold()[row]]++;
    }
    assertEquals(4, perFold.size(), "two persons x two labels");
    perFold.forEach((stratum, counts) -> {
      int min = Math.min(counts[1], Math.min(counts[2], counts[3]));
      int max = Math.max(counts[1], Math.max(counts[2], counts[3]));
      assertTrue(max - min <= 1, stratum + " over folds 1..3: " + java.util.Arrays.toString(counts));
    });
    assertEquals(18, r.iterations().size(), "2 test subsets x 3 folds x same/other/all");
    for (int it = 1; it <= r.iterations().size(); it++) {
      var spec = r.iteration(it);
      var rows = r.rows(it);
      for (int row : rows.test()) {
        assertEquals(spec.testSubset(), person[row]);
        assertEquals(spec.testFold(), r.fold()[row]);
      }
      for (int row : rows.train()) {
        assertTrue(r.fold()[row] != spec.testFold());
        boolean same = person[row].equals(spec.testSubset());
        assertTrue(spec.trainSubsets().equals("all") || same == spec.trainSubsets().equals("same"),
            "iteration " + it + " trains on " + person[row]);
      }
    }
  }
}
