package org.soakbench.worker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.SplitSpec;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskData;
import org.soakbench.worker.TestTasks;
import org.soakbench.worker.learn.LearnerRegistry;

/** A split's result carries its measures, or an error instead of throwing. */
class SplitRunnerTest {
  private final SplitRunner runner = new SplitRunner(new LearnerRegistry());

  private static final SplitJob JOB = new SplitJob(42, 2, 0, 0, 1, 0, 3L);

  private SplitResult run(TaskBundle b, String type) {
    return runner.run(b, new LearnerSpec(type, type, Map.of()), List.of("rmse", "mae"), JOB);
  }

  @Test
  void scoresASplit() {
    TaskBundle b = TestTasks.bundle(TestTasks.regression(80, 1));
    SplitResult r = run(b, "tree");
    assertNull(r.error());
    assertEquals(2, r.measures().size());
    assertTrue(r.measures().get(0) > 0 && r.measures().get(1) > 0);
    assertEquals(60, r.nTrain());
    assertEquals(20, r.nTest());
    assertEquals(42, r.job());
    assertEquals(2, r.attempt());
  }

  @Test
  void aLearnerFailureBecomesAnErrorRow() {
    TaskData data = TestTasks.regression(10, 2);
    int[] fold = new int[10];
    java.util.Arrays.fill(fold, 1);
    int[] group = TestTasks.range(0, 10);
    // every row is in the test fold: the train set is empty and featureless refuses to fit
    ResamplingInstance instance = new ResamplingInstance(List.of("full"), new int[10], group, fold,
        List.of(new SplitSpec(1, "full", "same", 0, 1, 1, 0, null)));
    TaskBundle b = new TaskBundle("h", data, instance);
    SplitResult r = run(b, "featureless");
    assertTrue(r.failed());
    assertTrue(r.error().contains("empty train set"), r.error());
    assertTrue(r.measures().isEmpty());
  }
}
