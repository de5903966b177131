package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary and three-class targets with a categorical feature, every classification learner and
 * measure, end to end. 600 rows: Smile 3.1.1's forest fails when one tree's out-of-bag rows hold
 * exactly two of three classes (it then applies binary metrics), which small data sets provoke.
 */
class ClassificationRunTest {
  @TempDir Path dir;

  @Test
  void binaryAndMulticlassTasks() throws Exception {
    Random r = new Random(3);
    StringBuilder sb = new StringBuilder("x1,colour,site,label,grade\n");
    for (int i = 0; i < 600; i++) {
      double x1 = r.nextDouble() * 3;
      String colour = List.of("red", "green", "blue").get(r.nextInt(3));
      boolean yes = x1 + (colour.equals("red") ? 1 : 0) + r.nextGaussian() * 0.3 > 2;
      sb.append(x1).append(',').append(colour).append(',').append(i % 2 == 0 ? "north" : "south").append(',')
          .append(yes ? "yes" : "no").append(',').append(List.of("low", "mid", "high").get(Math.min(2, (int) x1)))
          .append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), sb.toString());
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [
            { id = binary, data = d.csv, target = label, features = [x1, colour], subset = site, positive = yes }
            { id = grades, data = d.csv, target = grade, features = [x1, colour], subset = site }
          ]
          learners = [ { id = featureless }, { id = tree, max-depth = 5 }, { id = random-forest, trees = 20 },
            { id = gradient-boosting, trees = 20 }, { id = linear }, { id = ridge }, { id = knn } ]
          measures = [ce, acc, logloss]
        }
        """);
    Cli.Result res = Cli.run("run", dir.resolve("exp.conf").toString(), "--workers", "2", "--out", dir.resolve("out").toString());
    assertEquals(0, res.exitCode(), res.err());
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(2 * 7 * 18, rows.size());
    for (Map<String, String> row : rows) {
      double ce = Double.parseDouble(row.get("classif.ce"));
      assertEquals(1 - ce, Double.parseDouble(row.get("classif.acc")), 1e-12);
      assertTrue(Double.parseDouble(row.get("classif.logloss")) >= 0, row.toString());
      assertEquals("", row.get("error"));
    }
  }
}
