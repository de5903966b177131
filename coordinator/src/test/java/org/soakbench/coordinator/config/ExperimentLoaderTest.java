package org.soakbench.coordinator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.TempFiles;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.Experiment;

/** Every key of the experiment format, and a located one-line error for each kind of mistake. */
class ExperimentLoaderTest {
  @TempDir Path dir;

  private Experiment load(String text) {
    return ExperimentLoader.load(TempFiles.write(dir, "exp.conf", text));
  }

  private String error(String text) {
    BadInputException e = assertThrows(BadInputException.class, () -> load(text));
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void readsEveryKey() {
    Experiment e = load("""
        experiment {
          name = demo
          seed = 42
          output = "out/demo"
          tasks = [
            { id = a, data = "d.csv", target = y, features = [x1, x2], subset = s, stratum = [s, k],
              group = g, fold = f, positive = yes, type = classification }
          ]
          learners = [ { id = featureless, timeout = 2 minutes }, { id = rpart, type = tree, max-depth = 30, node-size = 7 } ]
          max-attempts = 5
          resampling { type = soak, folds = 4, seeds = 2, ratio = 0.7, sizes = 2, ignore-subset = true,
            subsets = SO, group-stratum-algo = Wasikowski, rng = r, r-seed = 9, r-skip = 400 }
          measures = [ce, auc]
        }
        """);
    assertEquals("demo", e.name());
    assertEquals(42, e.seed());
    assertEquals("out/demo", e.output());
    var t = e.tasks().get(0);
    assertEquals(List.of("x1", "x2"), t.features());
    assertEquals(List.of("s", "k"), t.stratum());
    assertEquals("g", t.group());
    assertEquals("f", t.fold());
    assertEquals("yes", t.positive());
    assertEquals(dir.resolve("d.csv").toString(), t.data());
    assertEquals("tree", e.learners().get(1).type());
    assertEquals(Map.of("max-depth", "30", "node-size", "7"), e.learners().get(1).params());
    var r = e.resampling();
    assertEquals(4, r.folds());
    assertEquals(2, r.seeds());
    assertEquals(0.7, r.ratio());
    assertEquals(2, r.sizes());
    assertTrue(r.ignoreSubset());
    assertEquals("SO", r.subsets());
    assertEquals("Wasikowski", r.groupStratumAlgo());
    assertEquals("r", r.rng());
    assertEquals(9, r.rSeed());
    assertEquals(400, r.rSkip());
    assertEquals(List.of("ce", "auc"), e.measures());
    assertEquals(5, e.execution().maxAttempts());
    assertEquals(Map.of("featureless", 120.0), e.execution().timeoutSeconds());
    assertEquals(Map.of(), e.learners().get(0).params()); // timeout is not a learner parameter
  }

  @Test
  void defaults() {
    Experiment e = load("experiment { tasks = [ { id = a, data = d.csv, target = y } ], learners = [ { id = featureless } ] }");
    assertEquals("exp", e.name());
    assertEquals(1, e.seed());
    assertEquals(3, e.resampling().folds());
    assertEquals("soakbench", e.resampling().rng());
    assertNull(e.tasks().get(0).features());
    assertEquals("featureless", e.learners().get(0).type());
  }

  @Test
  void errorsNameFileLineAndKey() {
    String base = "experiment {\n tasks = [ { id = a, data = d.csv, target = y } ]\n learners = [ { id = featureless } ]\n";
    String m = error(base + " colour = blue\n}");
    assertTrue(m.contains("exp.conf:4: experiment.colour: unknown key"), m);
    m = error(base + " resampling { folds = 1 }\n}");
    assertTrue(m.contains("exp.conf:4: experiment.resampling.folds: expected an integer >= 2, got 1"), m);
    m = error(base + " resampling { folds = three }\n}");
    assertTrue(m.contains("experiment.resampling.folds: expected a number"), m);
    m = error(base + " resampling { subsets = X }\n}");
    assertTrue(m.contains("experiment.resampling.subsets: expected one of S, O, A, SO, SA, SOA, got 'X'"), m);
    m = error(base + " max-attempts = 0\n}");
    assertTrue(m.contains("experiment.max-attempts: expected an integer >= 1, got 0"), m);
    m = error("experiment {\n tasks = [ { id = a, data = d.csv, target = y } ]\n learners = [ { id = f, timeout = soon } ]\n}");
    assertTrue(m.contains("exp.conf:3: experiment.learners[0].timeout: expected a duration"), m);
    m = error(base + " measures = [rmse, f1]\n}");
    assertTrue(m.contains("unknown measure 'f1'"), m);
    m = error("experiment {\n tasks = [ { id = a, data = d.csv } ]\n learners = [ { id = featureless } ]\n}");
    assertTrue(m.contains("exp.conf:2: experiment.tasks[0]: missing required key 'target'"), m);
    m = error("experiment {\n tasks = [ { id = a, data = d.csv, target = y, wat = 1 } ]\n learners = [ { id = f } ]\n}");
    assertTrue(m.contains("experiment.tasks[0].wat: unknown key"), m);
    m = error("experiment {\n tasks = [ { id = a, data = d.csv, target = y } ]\n learners = [ { id = f }, { id = f } ]\n}");
    assertTrue(m.contains("duplicate learner id 'f'"), m);
    m = error("experiment { tasks = [ ");
    assertTrue(m.contains("exp.conf"), m);
    m = error("other { }");
    assertTrue(m.contains("missing the 'experiment"), m);
    BadInputException missing = assertThrows(BadInputException.class, () -> ExperimentLoader.load(dir.resolve("nope.conf")));
    assertTrue(missing.getMessage().contains("nope.conf: experiment file not found"));
  }
}
