package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run EXP --smoke}: one split of down-sampled data per task x learner, in the output folder's sibling. */
class SmokeRunTest {
  @TempDir Path dir;

  @Test
  void theSeedExamplesSmokeTestRunsOneSmallSplitPerTaskAndLearner() throws Exception {
    Path out = dir.resolve("results");
    Cli.Result r = Cli.run("run", SeedExampleTest.example().toString(), "--workers", "2", "--out", out.toString(),
        "--smoke");
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(Files.exists(out), "the real output folder is not touched");
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("results-smoke/scores.csv"));
    assertEquals(4, rows.size(), "2 tasks x 2 learners, one split each");
    for (Map<String, String> row : rows) {
      assertEquals("1", row.get("iteration"));
      assertEquals("", row.get("error"), row.toString());
      // the seed's tasks have 80 rows: 10 of each person are left, the split trains on some of them
      assertTrue(Integer.parseInt(row.get("n.train")) + Integer.parseInt(row.get("n.test")) <= 20, row.toString());
    }
    assertTrue(r.out().contains("4 splits scored"), r.out());
  }
}
