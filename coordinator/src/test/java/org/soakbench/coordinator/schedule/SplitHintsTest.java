package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.TempFiles;
import org.soakbench.coordinator.config.ExperimentLoader;
import org.soakbench.coordinator.plan.ExperimentPlanner;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.protocol.BadInputException;

class SplitHintsTest {
  @TempDir
  Path dir;

  private PlannedExperiment plan(String hints) {
    TempFiles.write(dir, "data.csv", TempFiles.smallData());
    Path exp = TempFiles.write(dir, "exp.conf", TempFiles.experiment(", features = [x], subset = part, group = grp, fold = fold",
        "{ id = a, type = featureless }, { id = b, type = featureless }", hints == null ? "" : "  hints = \"" + hints + "\"\n"));
    return new ExperimentPlanner((spec, kind) -> { }).plan(ExperimentLoader.load(exp));
  }

  @Test
  void anEarlierRunsScoresGiveEachSplitsSeconds() {
    TempFiles.write(dir, "old/scores.csv", "task_id,learner_id,iteration,regr.rmse,train.seconds,predict.seconds,error\n"
        + "small,b,2,1.5,0.25,0.5,\n"
        + "small,a,1,1.5,1,0,\n"
        + "small,a,3,,,,worker lost\n" // an error row: no time
        + "gone,a,1,1.5,9,0,\n" // a task this grid no longer has
        + "small,c,1,1.5,9,0,\n");
    PlannedExperiment p = plan("old/scores.csv");
    double[] h = SplitHints.read(p);
    assertEquals(p.splits(), h.length);
    assertEquals(0.75, h[p.layout().job(0, 1, 2)], 1e-12);
    assertEquals(1.0, h[p.layout().job(0, 0, 1)], 1e-12);
    assertTrue(Double.isNaN(h[p.layout().job(0, 0, 3)]));
    long hinted = java.util.Arrays.stream(h).filter(v -> !Double.isNaN(v)).count();
    assertEquals(2, hinted);
    assertNull(SplitHints.read(plan(null)));
  }

  @Test
  void aSecondsColumnServesToo() {
    TempFiles.write(dir, "h.csv", "task_id,learner_id,iteration,seconds\nsmall,a,2,3.5\n");
    PlannedExperiment p = plan("h.csv");
    assertEquals(3.5, SplitHints.read(p)[p.layout().job(0, 0, 2)], 1e-12);
  }

  @Test
  void badHintsNameTheFileLineAndColumn() {
    TempFiles.write(dir, "bad.csv", "task_id,learner_id,iteration,seconds\nsmall,a,1,1\nsmall,a,2,soon\n");
    BadInputException e = assertThrows(BadInputException.class, () -> SplitHints.read(plan("bad.csv")));
    assertTrue(e.getMessage().matches(".*bad\\.csv:3: column 'seconds': expected a number >= 0, got 'soon'"), e.getMessage());
    TempFiles.write(dir, "cols.csv", "task_id,iteration,seconds\nsmall,1,1\n");
    e = assertThrows(BadInputException.class, () -> SplitHints.read(plan("cols.csv")));
    assertTrue(e.getMessage().matches(".*cols\\.csv:1: hints need a column 'learner_id' .*"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> SplitHints.read(plan("missing.csv")));
    assertTrue(e.getMessage().endsWith("missing.csv: hints file (experiment.hints) not found"), e.getMessage());
  }
}
