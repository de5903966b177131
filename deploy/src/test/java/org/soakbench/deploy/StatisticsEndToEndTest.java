package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics of real runs against R's, and {@code report} rebuilding everything from the journal alone. */
class StatisticsEndToEndTest {
  @TempDir Path dir;

  static Path ref(String relative) {
    return SeedExampleTest.root().resolve("reference").resolve(relative);
  }

  static void assertClose(String expected, String actual, String where) {
    if (expected.equals(actual)) {
      return;
    }
    double x = Double.parseDouble(expected);
    double y = Double.parseDouble(actual);
    assertTrue(Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)), where + ": " + expected + " vs " + actual);
  }

  @Test
  void seedExampleFeaturelessStatisticsEqualR() throws Exception {
    Cli.Result r = Cli.run("run", SeedExampleTest.example().toString(), "--workers", "2", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    // the ranges (min_val ...) also depend on rpart, which is not R's rpart; featureless values must be R's
    List<String> statCols = List.of("task_id", "test.subset", "algorithm", "Train_subsets", "n.train.groups",
        "value_mean", "value_sd", "value_length", "lo", "hi", "text_label");
    List<Map<String, String>> expected = SeedExampleTest.csv(ref("seed/pvalue_stats.csv"));
    List<Map<String, String>> actual = SeedExampleTest.csv(dir.resolve("pvalue_stats.csv"));
    assertEquals(expected.size(), actual.size());
    int featureless = 0;
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i).get("algorithm").equals("featureless")) {
        featureless++;
        for (String c : statCols) {
          assertClose(expected.get(i).get(c), actual.get(i).get(c), "stats row " + (i + 1) + " " + c);
        }
      }
    }
    assertEquals(6 * 2, featureless);
    List<String> pvalCols = List.of("task_id", "test.subset", "algorithm", "Train_subsets", "mean_diff", "p.paired",
        "p.unpaired", "same_mean", "compare_mean", "N", "pmin_mean", "pmax_mean", "text_label");
    expected = SeedExampleTest.csv(ref("seed/pvalue_pvals.csv"));
    actual = SeedExampleTest.csv(dir.resolve("pvalue_pvals.csv"));
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i).get("algorithm").equals("featureless")) {
        for (String c : pvalCols) {
          assertClose(expected.get(i).get(c), actual.get(i).get(c), "pvals row " + (i + 1) + " " + c);
        }
      }
    }
  }

  @Test
  void reportRebuildsEverythingFromTheJournalEvenWithATornLastLine() throws Exception {
    Path out = dir.resolve("run");
    assertEquals(0, Cli.run("run", SeedExampleTest.example().toString(), "--workers", "2", "--out", out.toString())
        .exitCode());
    String scores = Files.readString(out.resolve("scores.csv"));
    String stats = Files.readString(out.resolve("pvalue_stats.csv"));
    String pvals = Files.readString(out.resolve("pvalue_pvals.csv"));
    Files.delete(out.resolve("scores.csv"));
    Files.delete(out.resolve("pvalue_stats.csv"));
    Files.delete(out.resolve("pvalue_pvals.csv"));
    Files.writeString(out.resolve("journal.jsonl"), "{\"id\":\"easy/featureless/1\",\"task_", StandardOpenOption.APPEND);
    Cli.Result r = Cli.run("report", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(scores, Files.readString(out.resolve("scores.csv")));
    assertEquals(stats, Files.readString(out.resolve("pvalue_stats.csv")));
    assertEquals(pvals, Files.readString(out.resolve("pvalue_pvals.csv")));
    Cli.Result bad = Cli.run("report", out.toString(), "--measure", "regr.auc");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--measure: 'regr.auc' is not a measure of this run"), bad.err());
  }

  @Test
  void downsampleOfAnRngReplayedVariantEqualsR() throws Exception {
    // the sizes0 variant: set.seed(101) before instantiate(), sizes = 0; featureless scores are R's
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = regr.featureless, type = featureless } ]
          resampling { sizes = 0, rng = r, r-seed = 101 }
        }
        """);
    Path out = dir.resolve("out");
    assertEquals(0, Cli.run("run", dir.resolve("exp.conf").toString(), "--workers", "2", "--out", out.toString())
        .exitCode());
    Cli.Result r = Cli.run("report", out.toString(), "--downsample", "easy,featureless,Alice");
    assertEquals(0, r.exitCode(), r.err());
    String prefix = "variants/sizes0_pvalue_downsample_featureless_Alice_";
    for (String table : List.of("stats", "pvals")) {
      List<Map<String, String>> expected = SeedExampleTest.csv(ref(prefix + table + ".csv"));
      List<Map<String, String>> actual = SeedExampleTest.csv(out.resolve("pvalue_downsample_" + table + ".csv"));
      assertEquals(expected.size(), actual.size(), table);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).keySet(), actual.get(i).keySet());
        for (String c : expected.get(i).keySet()) {
          assertClose(expected.get(i).get(c), actual.get(i).get(c), table + " row " + (i + 1) + " " + c);
        }
      }
    }
    assertEquals(Files.readString(ref(prefix + "caption.txt")).strip(),
        Files.readString(out.resolve("pvalue_downsample_caption.txt")).strip());
    Cli.Result bad = Cli.run("report", out.toString(), "--downsample", "easy,rpart,Alice");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("no splits of task 'easy', algorithm 'rpart'"), bad.err());
  }
}
