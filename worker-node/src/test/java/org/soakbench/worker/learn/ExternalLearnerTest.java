package org.soakbench.worker.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;
import org.soakbench.worker.TestTasks;

/**
 * The Python bridge keeps one interpreter per thread and learner, reused across splits and tasks, and
 * reads class probabilities by class name.
 */
class ExternalLearnerTest {
  static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

  /** A script whose model, and so every prediction, is the id of the process that ran it. */
  static final String SCRIPT = """
      import os

      def fit(train, params):
          return os.getpid()

      def predict(model, test):
          return [model] * len(test)
      """;

  private static boolean pandas() {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import pandas").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static double pidOfSplit(Trainer t, TaskData data, int[] train, int[] test) throws Exception {
    return t.fit(data, train, new SplitContext(7, 1)).predict(data, test).response()[0];
  }

  @Test
  void oneInterpreterPerThreadServesEverySplitOfTheLearner() throws Exception {
    assumeTrue(pandas(), "python3 with pandas is not installed");
    LearnerRegistry registry = new LearnerRegistry();
    LearnerSpec spec = new LearnerSpec("pid", "python", Map.of("script", "pid.py", ExternalLearner.SOURCE, SCRIPT,
        "interpreter", PYTHON));
    TaskData a = TestTasks.regression(30, 1);
    TaskData b = TestTasks.regression(40, 2);
    int[] train = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int[] test = {20, 21};
    double first = pidOfSplit(registry.trainer(spec, TaskKind.REGRESSION), a, train, test);
    // a new trainer for every split, as the split runner makes them: still the thread's process
    assertEquals(first, pidOfSplit(registry.trainer(spec, TaskKind.REGRESSION), a, train, test));
    assertEquals(first, pidOfSplit(registry.trainer(spec, TaskKind.REGRESSION), b, train, test), "another task too");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      double there = other.submit(() -> pidOfSplit(registry.trainer(spec, TaskKind.REGRESSION), a, train, test)).get();
      assertNotEquals(first, there, "another slot's thread has its own interpreter");
    } finally {
      other.shutdownNow();
    }
    // a learner with other parameters is another process on the same thread
    LearnerSpec other2 = new LearnerSpec("pid2", "python", Map.of("script", "pid.py", ExternalLearner.SOURCE, SCRIPT,
        "interpreter", PYTHON, "depth", "3"));
    assertNotEquals(first, pidOfSplit(registry.trainer(other2, TaskKind.REGRESSION), a, train, test));
  }

  /** Probabilities of two of three classes, columns out of the task's order: "high" when x1 > 1.5. */
  static final String PROBABILITIES = """
      import pandas

      def fit(train, params):
          return None

      def predict(model, test):
          high = [0.7 if x > 1.5 else 0.1 for x in test["x1"]]
          return pandas.DataFrame({"high": high, "low": [1 - h for h in high]})
      """;

  @Test
  void classProbabilitiesMapToTheTasksClassesWhateverTheColumnOrder() throws Exception {
    assumeTrue(pandas(), "python3 with pandas is not installed");
    LearnerSpec spec = new LearnerSpec("prob", "python", Map.of("script", "prob.py", ExternalLearner.SOURCE,
        PROBABILITIES, "interpreter", PYTHON));
    TaskData data = TestTasks.classification(40, 3, 5); // classes low, mid, high
    int[] test = {30, 31, 32, 33, 34, 35, 36, 37, 38, 39};
    Prediction p = new LearnerRegistry().trainer(spec, TaskKind.CLASSIFICATION)
        .fit(data, new int[] {0, 1, 2, 3}, new SplitContext(7, 1)).predict(data, test);
    double[] x1 = data.features().get(0).values();
    for (int i = 0; i < test.length; i++) {
      double high = x1[test[i]] > 1.5 ? 0.7 : 0.1;
      assertArrayEquals(new double[] {1 - high, 0, high}, p.probabilities()[i], 1e-15);
      assertEquals(high > 0.5 ? 2 : 0, p.response()[i], "the most probable class");
    }
    TaskData regression = TestTasks.regression(40, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LearnerRegistry()
        .trainer(spec, TaskKind.REGRESSION).fit(regression, new int[] {0, 1}, new SplitContext(7, 1))
        .predict(regression, test));
    assertTrue(e.getMessage().contains("for a regression task"), e.getMessage());
  }

  @Test
  void numbersAsRAndPythonPrintThem() {
    assertTrue(Double.isNaN(ExternalLearner.number("NA")));
    assertTrue(Double.isNaN(ExternalLearner.number("nan")));
    assertEquals(Double.NEGATIVE_INFINITY, ExternalLearner.number("-inf"));
    assertEquals(Double.POSITIVE_INFINITY, ExternalLearner.number("Inf"));
    assertEquals(0.1, ExternalLearner.number("0.10000000000000001"));
    assertThrows(IllegalArgumentException.class, () -> ExternalLearner.number("high"));
  }

  @Test
  void anIdleInterpreterAndItsTaskFileAreEndedAndComeBackWhenNeeded() throws Exception {
    assumeTrue(pandas(), "python3 with pandas is not installed");
    LearnerRegistry registry = new LearnerRegistry();
    LearnerSpec spec = new LearnerSpec("pid", "python", Map.of("script", "pid.py", ExternalLearner.SOURCE, SCRIPT,
        "interpreter", PYTHON));
    TaskData a = TestTasks.regression(30, 3);
    int[] train = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int[] test = {20, 21};
    long first = (long) pidOfSplit(registry.trainer(spec, TaskKind.REGRESSION), a, train, test);
    Path file = org.soakbench.worker.learn.external.TaskFiles.of(a);
    ExternalLearner.reap(Long.MAX_VALUE);
    assertTrue(alive(first), "in use within the idle time: kept");
    assertTrue(Files.exists(file));
    ExternalLearner.reap(0);
    assertFalse(alive(first), "idle: ended");
    assertFalse(Files.exists(file), "its task's file deleted");
    long again = (long) pidOfSplit(registry.trainer(spec, TaskKind.REGRESSION), a, train, test);
    assertNotEquals(first, again, "the thread starts a new interpreter when a split needs one");
    assertTrue(Files.exists(org.soakbench.worker.learn.external.TaskFiles.of(a)), "and the task's file is written again");
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void theDryStartRefusesAScriptWithoutPredictUnlessTheLearnerSaysCheckFalse() {
    assumeTrue(pandas(), "python3 with pandas is not installed");
    String noPredict = "def fit(train, params):\n    return 0\n# " + System.nanoTime() + "\n";
    LearnerRegistry registry = new LearnerRegistry();
    LearnerSpec checked = new LearnerSpec("np", "python", Map.of("script", "np.py", ExternalLearner.SOURCE, noPredict,
        "interpreter", PYTHON));
    org.soakbench.protocol.BadInputException e = assertThrows(org.soakbench.protocol.BadInputException.class,
        () -> registry.validate(checked, TaskKind.REGRESSION));
    assertTrue(e.getMessage().contains("defines no function predict"), e.getMessage());
    LearnerSpec unchecked = new LearnerSpec("np", "python", Map.of("script", "np.py", ExternalLearner.SOURCE, noPredict,
        "interpreter", PYTHON, "check", "false"));
    registry.validate(unchecked, TaskKind.REGRESSION);
  }
}
