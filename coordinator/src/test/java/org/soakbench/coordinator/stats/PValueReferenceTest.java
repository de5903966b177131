package org.soakbench.coordinator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.soakbench.coordinator.plan.ReferenceFiles;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.record.ScoreCsvRecords;

/** R's score tables in, R's pvalue() and pvalue_downsample() tables out: every cell. */
class PValueReferenceTest {
  @TempDir Path dir;

  static List<ScoreRecord> scores(String file) throws IOException {
    return ReferenceFiles.csv(file).stream().map(r -> new ScoreRecord(r.get("task_id"), r.get("algorithm"),
        r.get("test.subset"), r.get("train.subsets"), Integer.parseInt(r.get("groups")),
        Integer.parseInt(r.get("test.fold")), Integer.parseInt(r.get("seed")), Integer.parseInt(r.get("n.train.groups")),
        Double.parseDouble(r.get("regr.rmse")))).toList();
  }

  /** Numbers within 1e-12 relative (R sums in long double), NA and NaN exactly, text exactly. */
  static void assertSameTable(String expectedFile, Path actualFile) throws IOException {
    List<Map<String, String>> expected = ReferenceFiles.csv(expectedFile);
    List<Map<String, String>> actual = ReferenceFiles.csvAt(actualFile);
    assertEquals(expected.size(), actual.size(), expectedFile + " rows");
    assertEquals(expected.get(0).keySet().stream().toList(), actual.get(0).keySet().stream().toList(), "columns");
    for (int i = 0; i < expected.size(); i++) {
      for (String col : expected.get(i).keySet()) {
        String e = expected.get(i).get(col);
        String a = actual.get(i).get(col);
        String where = expectedFile + " row " + (i + 1) + " " + col;
        if (isNumber(e) && isNumber(a)) {
          double x = Double.parseDouble(e);
          double y = Double.parseDouble(a);
          assertTrue(x == y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)),
              where + ": expected " + e + ", got " + a);
        } else {
          assertEquals(e, a, where);
        }
      }
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return !s.equals("NaN");
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static Stream<Arguments> pvalueCases() {
    return Stream.of(
        Arguments.of("seed/score.csv", "seed/pvalue_"),
        Arguments.of("variants/sizes0_score.csv", "variants/sizes0_pvalue_"),
        Arguments.of("variants/sizes2_seeds2_groups_pair_score.csv", "variants/sizes2_seeds2_groups_pair_pvalue_"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pvalueCases")
  void pvalueTablesEqualR(String score, String prefix) throws IOException {
    PValue.Tables t = PValue.pvalue(scores(score), "regr.rmse");
    PValueWriter.writePValue(t, dir.resolve("stats.csv"), dir.resolve("pvals.csv"));
    assertSameTable(prefix + "stats.csv", dir.resolve("stats.csv"));
    assertSameTable(prefix + "pvals.csv", dir.resolve("pvals.csv"));
  }

  /** The store's tables, one group at a time, equal R's whatever order the records arrived in. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pvalueCases")
  void storeTablesEqualRInAnyArrivalOrder(String score, String prefix) throws IOException {
    for (long seed = 1; seed <= 3; seed++) {
      RecordStore store = RecordStore.of(ScoreCsvRecords.shuffled(ScoreCsvRecords.of(score), seed));
      PValue.Tables t = PValue.pvalue(store, "regr.rmse");
      PValueWriter.writePValue(t, dir.resolve("stats.csv"), dir.resolve("pvals.csv"));
      assertSameTable(prefix + "stats.csv", dir.resolve("stats.csv"));
      assertSameTable(prefix + "pvals.csv", dir.resolve("pvals.csv"));
    }
  }

  static Stream<Arguments> downsampleCases() {
    return Stream.of("sizes0", "sizes2_seeds2_groups_pair").flatMap(v -> Stream.of("featureless", "rpart")
        .map(a -> Arguments.of(v, a)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("downsampleCases")
  void downsampleTablesEqualR(String variant, String algorithm) throws IOException {
    List<ScoreRecord> mine = scores("variants/" + variant + "_score.csv").stream()
        .filter(s -> s.algorithm().equals(algorithm) && s.testSubset().equals("Alice")).toList();
    PValue.DownsampleTables t = PValue.downsample(mine, "regr.rmse");
    PValueWriter.writeDownsample(t, dir.resolve("stats.csv"), dir.resolve("pvals.csv"), dir.resolve("caption.txt"));
    String prefix = "variants/" + variant + "_pvalue_downsample_" + algorithm + "_Alice_";
    assertSameTable(prefix + "stats.csv", dir.resolve("stats.csv"));
    assertSameTable(prefix + "pvals.csv", dir.resolve("pvals.csv"));
    assertEquals(java.nio.file.Files.readString(ReferenceFiles.root().resolve(prefix + "caption.txt")).strip(),
        java.nio.file.Files.readString(dir.resolve("caption.txt")).strip());
  }

  @Test
  void naAndNanCasesFollowR() {
    // all differences exactly zero: R's t.test gives NaN; constant non-zero differences: "essentially constant" -> NA
    List<Double> same = List.of(1.0, 2.0, 3.0);
    assertTrue(Double.isNaN(TTest.paired(same, same).pValue()));
    assertEquals(0.0, TTest.paired(same, same).estimate());
    assertEquals(null, TTest.paired(List.of(2.0, 3.0, 4.0), same).pValue());
    assertEquals(null, TTest.paired(List.of(1.0), List.of(2.0)).pValue()); // not enough observations
    assertEquals(null, TTest.welch(List.of(1.0, 1.0), List.of(1.0, 1.0)).pValue());
    // against Commons Math's own paired and Welch tests, an independent implementation
    double[] x = {1, 2, 3, 5};
    double[] y = {1, 1, 2, 2};
    List<Double> xl = List.of(1.0, 2.0, 3.0, 5.0);
    List<Double> yl = List.of(1.0, 1.0, 2.0, 2.0);
    assertEquals(org.apache.commons.math3.stat.inference.TestUtils.pairedTTest(x, y), TTest.paired(xl, yl).pValue(), 1e-12);
    assertEquals(org.apache.commons.math3.stat.inference.TestUtils.tTest(x, y), TTest.welch(xl, yl).pValue(), 1e-12);
    assertEquals(1.25, TTest.paired(xl, yl).estimate(), 1e-15);
    assertEquals("P = NA", "P = " + RStats.fixed(null, 4));
    assertEquals("P = NaN", "P = " + RStats.fixed(Double.NaN, 4));
    assertEquals("1.000", RStats.fixed(1.0005, 3)); // 1.0005 is 1.000499999... in binary, as C's printf sees it
  }
}
