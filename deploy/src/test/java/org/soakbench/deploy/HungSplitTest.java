package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A split that hangs past its lease is cancelled, retried, and recorded as an error row; the run still ends. */
class HungSplitTest {
  @TempDir Path dir;

  @Test
  void hungSplitsBecomeErrorRowsAfterMaxAttempts() throws Exception {
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = stuck, type = sleep, millis = 600000, timeout = 0.5s }, { id = featureless } ]
          resampling { subsets = S }
          max-attempts = 2
        }
        """);
    long t0 = System.nanoTime();
    Cli.Result r = Cli.run("run", dir.resolve("exp.conf").toString(), "--workers", "3", "--out", dir.resolve("out").toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, r.exitCode(), r.err()); // finished, with error rows
    assertTrue(seconds < 60, "the run must not wait for the hung splits: " + seconds + " s");
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(12, rows.size());
    for (Map<String, String> row : rows) {
      if (row.get("learner_id").equals("stuck")) {
        assertTrue(row.get("error").startsWith("gave up after 2 failed attempts; last: lease expired after 0.5 s"),
            row.get("error"));
        assertEquals("", row.get("regr.rmse"));
        assertEquals("2", row.get("attempts"));
      } else {
        assertEquals("", row.get("error"));
      }
    }
    // (the retry is also logged, but in-process runs share one log file, so this test reads the table only)
  }
}
