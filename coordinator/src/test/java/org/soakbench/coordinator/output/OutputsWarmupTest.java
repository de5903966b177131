package org.soakbench.coordinator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up's made-up run goes down every path the real outputs take: tables, statistics, both plots, the report. */
class OutputsWarmupTest {
  @TempDir Path dir;

  @Test
  void sampleRunWritesEveryOutput() throws Exception {
    Outputs.Written w = Outputs.write(dir, OutputsWarmup.sample(), null);
    assertNull(w.statsSkipped(), "the sample must have same, other and all to compare");
    assertNotNull(w.pvalue());
    for (String file : new String[] {"scores.csv", "score.png", "score.svg", "pvalue_stats.csv", "pvalue_pvals.csv",
        "pvalue.png", "pvalue.svg", "report.html"}) {
      assertTrue(Files.size(dir.resolve(file)) > 0, file);
    }
    // 8 tasks x 8 learners x 2 test subsets x 3 train subsets x 3 folds, plus the header
    assertEquals(8 * 8 * 18 + 1, Files.readAllLines(dir.resolve("scores.csv")).size());
  }
}
