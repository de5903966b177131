package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learners written in R and Python, run by soakbench's bridges: R's own rpart gives R's rows, a
 * script's error is an error row, a split whose interpreter died is tried again in a new one, and a
 * bad script stops the run before it starts. Skipped where the interpreter or its packages are missing (.ci/run installs
 * r-base-core, r-cran-rpart and python3-sklearn).
 */
class ExternalLearnersTest {
  @TempDir Path dir;

  /** Debian's python3 (with pandas) when there is one: PATH may lead to another without it. */
  static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void rsOwnRpartThroughTheRBridgeGivesEveryRowOfRsReference() throws Exception {
    assumeTrue(works("Rscript", "-e", "library(rpart); library(ranger)"), "Rscript with rpart and ranger is not installed");
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("run", SeedExampleTest.root().resolve("examples/r-learners/experiment.conf").toString(),
        "--workers", "2", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Map<String, String> reference = new HashMap<>();
    for (Map<String, String> row : SeedExampleTest.csv(SeedExampleTest.root().resolve("reference/seed/score.csv"))) {
      reference.put(row.get("task_id") + "/" + row.get("algorithm") + "/" + row.get("iteration"), row.get("regr.rmse"));
    }
    Map<String, String> javaPort = new HashMap<>();
    int rRows = 0;
    List<Map<String, String>> rows = SeedExampleTest.csv(out.resolve("scores.csv"));
    for (Map<String, String> row : rows) {
      String key = row.get("task_id") + "/" + row.get("iteration");
      if (row.get("learner_id").equals("rpart") && !row.get("regr.rmse").isEmpty()) {
        rRows++;
        assertEquals(Double.parseDouble(reference.get(row.get("task_id") + "/rpart/" + row.get("iteration"))),
            Double.parseDouble(row.get("regr.rmse")), 0, key);
      } else if (row.get("learner_id").equals("rpart-java")) {
        javaPort.put(key, row.get("regr.rmse") + " " + row.get("classif.ce") + " " + row.get("classif.auc"));
      }
    }
    assertEquals(36, rRows);
    int classified = 0;
    for (Map<String, String> row : rows) {
      assertEquals("", row.get("error"), row.toString());
      if (row.get("learner_id").equals("rpart")) {
        assertEquals(javaPort.get(row.get("task_id") + "/" + row.get("iteration")),
            row.get("regr.rmse") + " " + row.get("classif.ce") + " " + row.get("classif.auc"),
            "the Java port equals R's rpart, class probabilities (auc) included");
      }
      if (row.get("task_id").equals("easy-level") && !row.get("learner_id").equals("featureless")) {
        classified++;
        double auc = Double.parseDouble(row.get("classif.auc"));
        assertTrue(auc > 0.5 && auc <= 1, "R's probabilities rank the classes: " + row);
      }
    }
    assertEquals(3 * 18, classified, "rpart, rpart-java and ranger on the class task");
  }

  /** A mean learner in plain pandas that fails on some splits and kills its interpreter on one. */
  private Path experiment(String script, String extra) throws Exception {
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Files.writeString(dir.resolve("mean.py"), script);
    return Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          name = py
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = mean, type = python, script = "mean.py", interpreter = "%s"%s } ]
          resampling { type = soak, folds = 3 }
        }
        """.formatted(python(), extra));
  }

  @Test
  void aScriptsErrorIsAnErrorRowAndASplitWhoseInterpreterDiedIsRetried() throws Exception {
    assumeTrue(works(python(), "-c", "import pandas"), "python3 with pandas is not installed");
    Path exp = experiment("""
        import os
        calls = 0

        def fit(train, params):
            global calls
            calls += 1
            if calls == 3 and not os.path.exists(params["marker"]):
                open(params["marker"], "w").close()
                os._exit(3)  # the first interpreter dies in its third fit
            rows = len(train)
            if params["fail_on"] == rows:
                raise ValueError(f"no fit on {rows} rows")
            return float(train[train.attrs["target"]].mean())

        def predict(model, test):
            return [model] * len(test)
        """, ", fail_on = 53, marker = \"" + dir.resolve("died") + "\"");
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("run", exp.toString(), "--workers", "1", "--out", out.toString());
    assertEquals(1, r.exitCode(), "some rows are errors: " + r.err());
    List<Map<String, String>> rows = SeedExampleTest.csv(out.resolve("scores.csv"));
    assertEquals(18, rows.size());
    long scriptErrors = rows.stream().filter(x -> x.get("error").equals("ScriptError: ValueError: no fit on 53 rows")).count();
    long scored = rows.stream().filter(x -> x.get("error").isEmpty()).count();
    assertTrue(scriptErrors >= 1, "the script's message in the error column");
    assertEquals(18, scriptErrors + scored, () -> "only the script's own errors are error rows: "
        + rows.stream().map(x -> x.get("error")).distinct().toList());
    // the split whose interpreter died was tried again in a new interpreter, which ran the script
    // (no row is a process death: only the script's own errors remain, asserted above)
    assertEquals(1, rows.stream().filter(x -> x.get("attempts").equals("2")).count());
  }

  @Test
  void aHungInterpreterIsKilledAtItsLeaseAndTheSplitRunsAgain() throws Exception {
    assumeTrue(works(python(), "-c", "import pandas"), "python3 with pandas is not installed");
    Path exp = experiment("""
        import os, time

        def fit(train, params):
            if not os.path.exists(params["marker"]):
                open(params["marker"], "w").close()
                time.sleep(3600)  # the first split hangs
            return float(train[train.attrs["target"]].mean())

        def predict(model, test):
            return [model] * len(test)
        """, ", timeout = 2s, marker = \"" + dir.resolve("hung") + "\"");
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("run", exp.toString(), "--workers", "1", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<Map<String, String>> rows = SeedExampleTest.csv(out.resolve("scores.csv"));
    assertEquals(18, rows.size());
    assertTrue(rows.stream().allMatch(x -> x.get("error").isEmpty()), "every split scored");
    assertEquals(1, rows.stream().filter(x -> x.get("attempts").equals("2")).count(), "the hung split ran again");
  }

  @Test
  void aScriptWithoutPredictOrAMissingScriptStopsTheRunBeforeItStarts() throws Exception {
    assumeTrue(works(python(), "-c", "import pandas"), "python3 with pandas is not installed");
    Path exp = experiment("def fit(train, params):\n    return 0\n", "");
    Cli.Result r = Cli.run("run", exp.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("learner 'mean': mean.py failed to load: ") && r.err().contains("defines no function predict"),
        r.err());
    Files.delete(dir.resolve("mean.py"));
    r = Cli.run("run", exp.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().matches("(?s).*experiment\\.learners\\[0\\]\\.script.*file not found: .*mean\\.py\\s*"), r.err());
    assertTrue(!Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void eachTasksDataReachesEachInterpreterOnce() throws Exception {
    assumeTrue(works(python(), "-c", "import pandas"), "python3 with pandas is not installed");
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/impossible.csv"), dir.resolve("impossible.csv"));
    Files.writeString(dir.resolve("mean.py"), """
        import sys

        def fit(train, params):
            print("fit", file=sys.stderr, flush=True)
            return float(train[train.attrs["target"]].mean())

        def predict(model, test):
            return [model] * len(test)
        """);
    Path exp = Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          name = once
          tasks = [
            { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person }
            { id = impossible, data = impossible.csv, target = y, features = [x], subset = person, stratum = person }
          ]
          learners = [ { id = mean, type = python, script = "mean.py", interpreter = "%s" } ]
          resampling { type = soak, folds = 3 }
        }
        """.formatted(python()));
    Path out = dir.resolve("out");
    // the interpreters' stderr goes to the worker's log, read here as it is logged
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.soakbench.worker.learn.external.Interpreter.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    log.addAppender(logged);
    Cli.Result r;
    try {
      r = Cli.run("run", exp.toString(), "--workers", "2", "--out", out.toString());
    } finally {
      log.detachAppender(logged);
    }
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(36, SeedExampleTest.csv(out.resolve("scores.csv")).size());
    // the interpreter's stderr in the worker's log: "[python mean.py pid P] soakbench: loaded task T (n rows)"
    // from the helper at every LOAD, "[python mean.py pid P] fit" from the script
    java.util.regex.Pattern line = java.util.regex.Pattern.compile("pid (\\d+)\\] (?:soakbench: loaded task (\\S+) |fit$)");
    Map<String, Integer> loads = new HashMap<>();
    Map<String, Integer> fits = new HashMap<>();
    java.util.Set<String> tasks = new java.util.HashSet<>();
    for (ch.qos.logback.classic.spi.ILoggingEvent event : List.copyOf(logged.list)) {
      java.util.regex.Matcher m = line.matcher(event.getFormattedMessage());
      if (!m.find()) {
        continue;
      }
      if (m.group(2) != null) {
        loads.merge(m.group(1) + "/" + m.group(2), 1, Integer::sum);
        tasks.add(m.group(2));
      } else {
        fits.merge(m.group(1), 1, Integer::sum);
      }
    }
    assertEquals(2, tasks.size(), "both tasks were loaded: " + loads);
    assertTrue(loads.values().stream().allMatch(n -> n == 1), "each task once per interpreter: " + loads);
    int fitted = fits.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(fitted >= 36, "every split was fitted by an interpreter: " + fits);
    // an interpreter gets a task's data once, then only row ids: loads are at most 2 per process
    assertTrue(loads.size() <= 2 * fits.size() && loads.size() < fitted / 4, loads + " loads for " + fits + " fits");
  }

  @Test
  void thePythonExampleScoresTheForestsProbabilitiesAndTheTreesLabels() throws Exception {
    assumeTrue(works(python(), "-c", "import pandas, sklearn"), "python3 with pandas and scikit-learn is not installed");
    Path example = SeedExampleTest.root().resolve("examples/python-learners");
    for (String script : new String[] {"tree.py", "forest.py"}) {
      Files.copy(example.resolve(script), dir.resolve(script));
    }
    // the example as it is, with its data where it is and Debian's python3 (PATH's may lack pandas)
    String conf = Files.readString(example.resolve("experiment.conf"))
        .replace("\"../seed/data/", "\"" + SeedExampleTest.root().resolve("examples/seed/data") + "/")
        .replace("type = python,", "type = python, interpreter = \"" + python() + "\",");
    Path exp = Files.writeString(dir.resolve("experiment.conf"), conf);
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("run", exp.toString(), "--workers", "2", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<Map<String, String>> rows = SeedExampleTest.csv(out.resolve("scores.csv"));
    assertEquals(3 * 3 * 18, rows.size());
    int forest = 0;
    int tree = 0;
    for (Map<String, String> row : rows) {
      assertEquals("", row.get("error"), row.toString());
      if (!row.get("task_id").equals("easy-level") || row.get("learner_id").equals("featureless")) {
        continue;
      }
      assertTrue(Double.parseDouble(row.get("classif.ce")) < 0.5, "better than chance: " + row);
      if (row.get("learner_id").equals("sklearn-forest")) {
        forest++;
        assertTrue(Double.parseDouble(row.get("classif.auc")) > 0.5, "probabilities rank the classes: " + row);
      } else if (row.get("learner_id").equals("sklearn-tree")) {
        tree++;
        assertEquals("NaN", row.get("classif.auc"), "labels only: no AUC, as in mlr3");
      }
    }
    assertEquals(18, forest);
    assertEquals(18, tree);
  }

  @Test
  void theMlr3WrapperPassesTheDryStartAndScoresOrNamesTheMissingPackage() throws Exception {
    assumeTrue(works("Rscript", "-e", "library(rpart)"), "Rscript is not installed");
    boolean mlr3 = works("Rscript", "-e", "library(mlr3)");
    Files.copy(SeedExampleTest.root().resolve("examples/r-learners/mlr3.R"), dir.resolve("mlr3.R"));
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Path exp = Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          name = mlr3
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = regr.rpart, type = r, script = "mlr3.R", learner = "regr.rpart", maxdepth = 3 } ]
          resampling { type = soak, folds = 3 }
        }
        """);
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("run", exp.toString(), "--workers", "1", "--out", out.toString());
    List<Map<String, String>> rows = SeedExampleTest.csv(out.resolve("scores.csv"));
    assertEquals(18, rows.size(), r.err());
    for (Map<String, String> row : rows) {
      if (mlr3) {
        assertEquals("", row.get("error"), row.toString());
      } else {
        // without mlr3 (Debian 12 has none) every split is an error row that names the package
        assertTrue(row.get("error").startsWith("ScriptError: ") && row.get("error").contains("mlr3"), row.toString());
      }
    }
    assertEquals(mlr3 ? 0 : 1, r.exitCode(), r.err());
  }

  @Test
  void theScriptIsCheckedOncePerLearnerNotOncePerTask() throws Exception {
    assumeTrue(works(python(), "-c", "import pandas"), "python3 with pandas is not installed");
    Path marks = dir.resolve("marks.txt");
    Path exp = experiment("""
        import sys
        # top-level code runs whenever the helper loads the script: in the dry start its mode is "check"
        with open(%s, "a") as f:
            f.write(sys.argv[2] + "\\n")

        def fit(train, params):
            return float(train[train.attrs["target"]].mean())

        def predict(model, test):
            return [model] * len(test)
        """.formatted("\"" + marks + "\""), "");
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/impossible.csv"), dir.resolve("impossible.csv"));
    Files.writeString(exp, Files.readString(exp).replace("tasks = [", """
        tasks = [ { id = impossible, data = impossible.csv, target = y, features = [x], subset = person, stratum = person },"""));
    Cli.Result r = Cli.run("run", exp.toString(), "--workers", "1", "--out", dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(36, SeedExampleTest.csv(dir.resolve("out/scores.csv")).size());
    List<String> loads = Files.readAllLines(marks);
    assertEquals(1, loads.stream().filter("check"::equals).count(), "one dry start for two tasks: " + loads);
    assertTrue(loads.contains("regression"), "then the worker's interpreter: " + loads);
  }

  @Test
  void anInterpreterMissingHereIsOneWarningAndTheWorkersSayWhy() throws Exception {
    Path exp = experiment("def fit(train, params):\n    return 0\n\ndef predict(model, test):\n    return [0] * len(test)\n",
        "");
    Files.writeString(exp, Files.readString(exp).replace("interpreter = \"" + python() + "\"",
        "interpreter = \"/nonexistent/python3\""));
    Cli.Result r = Cli.run("run", exp.toString(), "--workers", "1", "--out", dir.resolve("out").toString());
    assertEquals(1, r.exitCode(), "every split is an error row: " + r.err());
    assertEquals(1, r.err().lines().filter(l -> l.startsWith("soakbench: warning: learner 'mean': /nonexistent/python3 "
        + "is not on this machine")).count(), r.err());
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(18, rows.size());
    assertTrue(rows.stream().allMatch(x -> x.get("error").contains("/nonexistent/python3")), rows.get(0).toString());
  }
}
