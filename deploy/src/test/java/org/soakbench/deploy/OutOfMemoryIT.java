package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split that exhausts a worker's memory: the worker reports it and exits 3, its supervisor
 * starts a fresh JVM that rejoins, the split is retried up to max-attempts and then recorded as
 * "out of memory"; the coordinator and the other splits are unaffected.
 */
class OutOfMemoryIT {
  @TempDir Path dir;

  @Test
  void outOfMemoryRestartsTheWorkerJvmAndEndsInAnErrorRow() throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 20; i++) {
      csv.append(i / 10.0).append(',').append((i * 7919 % 101) / 10.0).append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), csv);
    // the worker JVM has 1 GiB of heap (Nodes); this learner asks for 1.5 GiB
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [ { id = t, data = d.csv, target = y, features = [x] } ]
          learners = [ { id = hog, type = sleep, millis = 10, allocate-mb = 1536 }, { id = featureless } ]
          resampling { folds = 2 }
          max-attempts = 2
        }
        """);
    int port = Nodes.freePort();
    try (Nodes nodes = new Nodes(dir)) {
      Process coordinator = nodes.start("coordinator", "coordinator", "exp.conf", "--port", String.valueOf(port),
          "--http-port", "-1", "--out", "out");
      Process supervisor = nodes.startSupervised(Map.of("SOAKBENCH_RESTART_DELAY_MAX", "1"), "supervisor",
          "worker", "--join", "127.0.0.1:" + port, "--slots", "1");
      assertEquals(1, Nodes.awaitExit(coordinator, Duration.ofMinutes(3)), nodes.output("coordinator"));

      // 2 hog splits x 2 attempts: each attempt ends a worker JVM with exit 3 and a fresh one takes over
      String log = Files.readString(dir.resolve("out/soakbench.log"));
      Set<String> joined = matches(Pattern.compile("worker joined: (127\\.0\\.0\\.1:\\d+)"), log);
      assertTrue(joined.size() >= 4, "fresh worker JVMs that joined: " + joined + "\n" + log);
      String restarts = nodes.output("supervisor");
      assertTrue(count(restarts, "worker exited 3 (a split ran out of memory); fresh JVM in") >= 3, restarts);

      // the last fresh JVM has found the run over, or still waits for a coordinator: SIGTERM reaches it too
      supervisor.destroy();
      int code = Nodes.awaitExit(supervisor, Duration.ofSeconds(60));
      assertTrue(code == 0 || code == 143, "supervisor exit " + code + ": " + nodes.output("supervisor"));
      assertEquals(0, supervisor.descendants().count(), "a worker JVM outlived its supervisor");
    }
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(4, rows.size());
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

  private static Set<String> matches(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
  }

  private static long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }
}
