package org.soakbench.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.TempFiles;
import org.soakbench.coordinator.config.ExperimentLoader;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.TaskData;

/** The smoke test's plan: few rows of every stratum and subset, whole groups, every fixed fold, one split a learner. */
class SmokeTestTest {
  @TempDir Path dir;

  /** 300 rows: x = row number, person Alice (2 in 3 rows) or Bob, groups of 3 rows, fold 1..3 by three groups. */
  private PlannedExperiment plan(String roles, String resampling, SmokeTest smoke) {
    StringBuilder csv = new StringBuilder("x,y,person,grp,fold\n");
    for (int i = 0; i < 300; i++) {
      int group = i / 3;
      csv.append(i).append(',').append(i % 7).append(',').append(group % 3 == 0 ? "Bob" : "Alice").append(',')
          .append("g").append(group).append(',').append(group / 3 % 3 + 1).append('\n');
    }
    TempFiles.write(dir, "data.csv", csv.toString());
    Path exp = TempFiles.write(dir, "exp.conf", "experiment {\n  name = smoke\n  tasks = [ { id = t, data = data.csv, "
        + "target = y, features = [x]" + roles + " } ]\n  learners = [ { id = featureless }, { id = f2, type = featureless } ]\n"
        + "  resampling { " + resampling + " }\n}\n");
    return new ExperimentPlanner((spec, kind) -> { }, smoke).plan(ExperimentLoader.load(exp));
  }

  @Test
  void keepsTheFirstGroupsOfEveryStratumAndSubsetAndOneSplitPerLearner() {
    PlannedExperiment full = plan(", subset = person, stratum = person, group = grp", "type = soak, folds = 3", null);
    PlannedExperiment smoke = plan(", subset = person, stratum = person, group = grp", "type = soak, folds = 3",
        SmokeTest.DEFAULT);
    assertEquals(2 * full.tasks().get(0).bundle().instance().iterations().size(), full.splits());
    assertEquals(2, smoke.splits(), "one split a task x learner");
    TaskData d = smoke.tasks().get(0).bundle().data();
    // 10 groups of 3 rows of each person: the first ones in file order
    assertEquals(60, d.rows());
    double[] x = d.features().get(0).values();
    Map<String, Integer> rowsOf = new HashMap<>();
    Set<Integer> groups = new HashSet<>();
    ResamplingInstance r = smoke.tasks().get(0).bundle().instance();
    for (int i = 0; i < d.rows(); i++) {
      int row = (int) x[i];
      String person = (row / 3) % 3 == 0 ? "Bob" : "Alice";
      rowsOf.merge(person, 1, Integer::sum);
      assertEquals(person, r.subsetLevels().get(r.subset()[i]));
      groups.add(r.group()[i]);
      assertTrue(i == 0 || x[i] > x[i - 1], "file order kept");
    }
    assertEquals(Map.of("Alice", 30, "Bob", 30), rowsOf);
    assertEquals(20, groups.size(), "whole groups, renumbered");
    assertEquals(1, r.iterations().size());
    assertEquals(full.tasks().get(0).bundle().instance().iteration(1).trainSubsets(), r.iteration(1).trainSubsets());
    var rows = r.rows(1);
    assertTrue(rows.train().length > 0 && rows.test().length > 0, "the split has train and test rows");
    assertTrue(!smoke.fingerprint().equals(full.fingerprint()), "a smoke run never resumes the real journal");
  }

  @Test
  void everyFixedFoldKeepsRowsInEveryStratum() {
    PlannedExperiment smoke = plan(", subset = person, stratum = person, group = grp, fold = fold",
        "type = soak, folds = 3", SmokeTest.DEFAULT);
    ResamplingInstance r = smoke.tasks().get(0).bundle().instance();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < r.fold().length; i++) {
      seen.add(r.subsetLevels().get(r.subset()[i]) + "/" + r.fold()[i]);
    }
    assertEquals(Set.of("Alice/1", "Alice/2", "Alice/3", "Bob/1", "Bob/2", "Bob/3"), seen);
  }

  @Test
  void aSubsetThatIsNoStratumStillKeepsRows() {
    PlannedExperiment smoke = plan(", subset = person", "type = soak, folds = 3", SmokeTest.DEFAULT);
    ResamplingInstance r = smoke.tasks().get(0).bundle().instance();
    assertEquals(2, r.subsetLevels().size());
    assertEquals(20, r.fold().length, "ten rows of each subset");
  }
}
