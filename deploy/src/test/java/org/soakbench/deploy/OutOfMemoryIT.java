package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A split that exhausts a worker's memory is retried, then recorded as "out of memory"; the run goes on. */
class OutOfMemoryIT {
  @TempDir Path dir;

  @Test
  void outOfMemorySplitsAreRetriedThenErrorRows() throws Exception {
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    // the worker JVM has 1 GiB of heap (Nodes); this learner asks for 1.5 GiB
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = hog, type = sleep, millis = 10, allocate-mb = 1536 }, { id = featureless } ]
          resampling { subsets = S }
          max-attempts = 2
        }
        """);
    int port = Nodes.freePort();
    try (Nodes nodes = new Nodes(dir)) {
      Process coordinator = nodes.start("coordinator", "coordinator", "exp.conf", "--port", String.valueOf(port),
          "--http-port", "-1", "--out", "out");
      Process worker = nodes.start("worker", "worker", "--join", "127.0.0.1:" + port, "--slots", "1");
      assertEquals(1, Nodes.awaitExit(coordinator, Duration.ofMinutes(3)), nodes.output("coordinator"));
      assertEquals(0, Nodes.awaitExit(worker, Duration.ofSeconds(60)), "the worker survived: " + nodes.output("worker"));
    }
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(12, rows.size());
    for (Map<String, String> r : rows) {
      if (r.get("learner_id").equals("hog")) {
        assertTrue(r.get("error").matches("gave up after 2 failed attempts; last: out of memory on worker 127\\.0\\.0\\.1:\\d+"),
            r.get("error"));
        assertEquals("2", r.get("attempts"));
      } else {
        assertEquals("", r.get("error"));
      }
    }
  }
}
