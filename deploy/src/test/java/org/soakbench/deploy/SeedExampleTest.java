package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed example end to end on the embedded cluster, checked against R's outputs. */
class SeedExampleTest {
  @TempDir Path dir;

  static Path root() {
    String r = System.getProperty("soakbench.root");
    return r == null ? Path.of("..") : Path.of(r);
  }

  static Path example() {
    return root().resolve("examples/seed/experiment.conf");
  }

  static List<Map<String, String>> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        rows.add(r.toMap());
      }
      return rows;
    }
  }

  /** scores.csv without the columns that legitimately depend on timing and placement. */
  static List<String> deterministicPart(Path scores) throws IOException {
    List<String> out = new ArrayList<>();
    for (Map<String, String> row : csv(scores)) {
      Map<String, String> copy = new java.util.LinkedHashMap<>(row);
      copy.keySet().removeAll(List.of("train.seconds", "predict.seconds", "worker", "attempts"));
      out.add(copy.toString());
    }
    return out;
  }

  @Test
  void sameScoresWithOneAndThreeWorkersAndEveryRowEqualsR() throws IOException {
    Cli.Result one = Cli.run("run", example().toString(), "--workers", "1", "--out", dir.resolve("w1").toString());
    assertEquals(0, one.exitCode(), one.err());
    assertTrue(one.out().contains("72 splits scored, 0 failed"), one.out());
    Cli.Result three = Cli.run("run", example().toString(), "--workers", "3", "--out", dir.resolve("w3").toString());
    assertEquals(0, three.exitCode(), three.err());
    List<String> a = deterministicPart(dir.resolve("w1/scores.csv"));
    assertEquals(72, a.size());
    assertEquals(a, deterministicPart(dir.resolve("w3/scores.csv")));
    assertEquals(72, Files.readAllLines(dir.resolve("w3/journal.jsonl")).size());
    String runJson = Files.readString(dir.resolve("w3/run.json"));
    assertTrue(runJson.contains("\"local_workers\" : 3"));
    // the cost model's account: each learner's 36 splits, all but its first predicted
    assertTrue(runJson.matches("(?s).*\"learner\" : \"featureless\",\\s+\"splits\" : 36,.*\"predicted_splits\" : 35,.*"),
        runJson);
    assertTrue(Files.readString(dir.resolve("w3/report.html")).contains("<h2>Scheduling</h2>"));

    // the example replays R's RNG (set.seed(1) + 400 draws), so every split is R's and featureless matches exactly
    Map<String, String> rRmse = new HashMap<>();
    for (Map<String, String> r : csv(root().resolve("reference/seed/score.csv"))) {
      rRmse.put(r.get("task_id") + "/" + r.get("algorithm") + "/" + r.get("iteration"), r.get("regr.rmse"));
    }
    // and rpart is R's rpart: all 72 rows, both learners, equal R's to the last bit
    int rows = 0;
    for (Map<String, String> r : csv(dir.resolve("w3/scores.csv"))) {
      String key = r.get("task_id") + "/" + r.get("algorithm") + "/" + r.get("iteration");
      assertTrue(rRmse.containsKey(key), key);
      assertEquals(Double.parseDouble(rRmse.get(key)), Double.parseDouble(r.get("regr.rmse")), 0.0, key);
      rows++;
    }
    assertEquals(72, rows);
  }

  @Test
  void featurelessEqualsRWithRsFoldsGivenAsAFoldColumn() throws IOException {
    // rng = soakbench draws other permutations, but with R's fold ids as a column and no down-sampling
    // the train/test sets are R's, so featureless regr.rmse must equal R's exactly
    Map<String, String> foldOf = new HashMap<>();
    for (Map<String, String> r : csv(root().resolve("reference/seed/folds.csv"))) {
      foldOf.put(r.get("task_id") + "/" + r.get("row_id"), r.get("fold"));
    }
    for (String task : List.of("easy", "impossible")) {
      StringBuilder sb = new StringBuilder("row_id,x,person,y,fold\n");
      for (Map<String, String> r : csv(root().resolve("reference/seed/data_" + task + ".csv"))) {
        sb.append(String.join(",", r.get("row_id"), r.get("x"), r.get("person"), r.get("y"),
            foldOf.get(task + "/" + r.get("row_id")))).append('\n');
      }
      Files.writeString(dir.resolve(task + ".csv"), sb.toString());
    }
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [
            { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person, fold = fold }
            { id = impossible, data = impossible.csv, target = y, features = [x], subset = person, stratum = person, fold = fold }
          ]
          learners = [ { id = regr.featureless, type = featureless } ]
        }
        """);
    Cli.Result r = Cli.run("run", dir.resolve("exp.conf").toString(), "--workers", "2", "--out", dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
    Map<String, String> rRmse = new HashMap<>();
    for (Map<String, String> row : csv(root().resolve("reference/seed/score.csv"))) {
      if (row.get("algorithm").equals("featureless")) {
        rRmse.put(row.get("task_id") + "/" + row.get("iteration"), row.get("regr.rmse"));
      }
    }
    List<Map<String, String>> ours = csv(dir.resolve("out/scores.csv"));
    assertEquals(36, ours.size());
    for (Map<String, String> row : ours) {
      assertEquals("featureless", row.get("algorithm"));
      String key = row.get("task_id") + "/" + row.get("iteration");
      assertEquals(Double.parseDouble(rRmse.get(key)), Double.parseDouble(row.get("regr.rmse")), 0.0, key);
    }
  }

  @Test
  void planWritesRsSplitTable() throws IOException {
    Path splits = dir.resolve("splits.csv");
    Cli.Result r = Cli.run("plan", example().toString(), "--splits", splits.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("2 tasks x 2 learners -> 72 splits"), r.out());
    List<Map<String, String>> ours = csv(splits);
    List<Map<String, String>> ref = csv(root().resolve("reference/seed/splits.csv"));
    assertEquals(ref.size(), ours.size());
    for (int i = 0; i < ref.size(); i++) {
      for (String col : List.of("task_id", "iteration", "test.subset", "train.subsets", "groups", "test.fold", "seed",
          "n.train.groups", "test", "train")) {
        assertEquals(ref.get(i).get(col), ours.get(i).get(col), "row " + i + " " + col);
      }
    }
  }
}
