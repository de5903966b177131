package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary classification SOAK task stratified by subset and label, end to end: every split is
 * scored with {@code classif.ce} by {@code classif.featureless} and {@code classif.rpart}, and each
 * featureless error is what its split's rows say (the test share of everything but the train mode).
 */
class ClassificationStratumTest {
  @TempDir Path dir;

  @Test
  void stratifiedByLabelAndScoredWithClassificationError() throws Exception {
    StringBuilder data = new StringBuilder("x,person,label\n");
    String[] label = new String[120];
    for (int i = 0; i < 120; i++) {
      String person = i % 3 == 0 ? "Bob" : "Alice";
      double x = (i * 37 % 120) / 12.0;
      label[i] = x + (person.equals("Bob") ? 2 : 0) > 5 ? "yes" : "no";
      data.append(x).append(',').append(person).append(',').append(label[i]).append('\n');
    }
    Files.writeString(dir.resolve("data.csv"), data.toString());
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          name = cls
          tasks = [ { id = cls, data = data.csv, target = label, features = [x], subset = person,
                      stratum = [person, label], positive = yes } ]
          learners = [ { id = classif.featureless }, { id = classif.rpart, maxdepth = 3 } ]
          resampling { type = soak, folds = 3 }
          measures = [ce]
        }
        """);
    Cli.Result plan = Cli.run("plan", dir.resolve("exp.conf").toString(), "--splits", dir.resolve("splits.csv").toString());
    assertEquals(0, plan.exitCode(), plan.err());
    Cli.Result run = Cli.run("run", dir.resolve("exp.conf").toString(), "--workers", "2", "--out", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.err());
    Map<String, Map<String, String>> splits = new HashMap<>();
    for (Map<String, String> s : SeedExampleTest.csv(dir.resolve("splits.csv"))) {
      splits.put(s.get("iteration"), s);
    }
    List<Map<String, String>> scores = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(36, scores.size(), "18 SOAK splits x 2 learners");
    int featureless = 0;
    for (Map<String, String> r : scores) {
      double ce = Double.parseDouble(r.get("classif.ce"));
      assertTrue(ce >= 0 && ce <= 1, r.toString());
      if (r.get("learner_id").equals("classif.featureless")) {
        Map<String, String> s = splits.get(r.get("iteration"));
        int yes = 0;
        String[] train = s.get("train").split(" ");
        for (String id : train) {
          yes += label[Integer.parseInt(id) - 1].equals("yes") ? 1 : 0;
        }
        String[] test = s.get("test").split(" ");
        int testYes = 0;
        for (String id : test) {
          testYes += label[Integer.parseInt(id) - 1].equals("yes") ? 1 : 0;
        }
        double ifYes = (double) (test.length - testYes) / test.length;
        double ifNo = (double) testYes / test.length;
        // the train mode predicts every test row; a tie is broken by a seeded draw, as mlr3 does
        double expected = 2 * yes > train.length ? ifYes : 2 * yes < train.length ? ifNo : ce == ifYes ? ifYes : ifNo;
        assertEquals(expected, ce, 1e-15, "iteration " + r.get("iteration"));
        assertEquals("featureless", r.get("algorithm"));
        featureless++;
      } else {
        assertEquals("rpart", r.get("algorithm"), "mlr3resampling's algorithm: the id after its last dot");
      }
    }
    assertEquals(18, featureless);
  }
}
