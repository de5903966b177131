package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator and two worker JVMs, one of them eight times slower (the {@code slowdown} test
 * hook, as an overloaded machine): at the tail the fast worker runs copies of the slow one's
 * overdue splits, the first result of each is recorded, and every split is recorded once.
 */
class SpeculationIT {
  static final int SPLITS = 16;

  @TempDir Path dir;

  @Test
  void theSlowWorkersTailSplitsAreCopiedAndEachIsRecordedOnce() throws Exception {
    Nodes.writeCvExperiment(dir, "speculation", 32, 3, "{ id = nap, type = sleep, millis = 600 }", 16);
    int port = Nodes.freePort();
    try (Nodes nodes = new Nodes(dir)) {
      Process coordinator = nodes.start("coordinator", "coordinator", "exp.conf", "--port", String.valueOf(port),
          "--http-port", "-1", "--out", "out");
      Process slow = nodes.startWithOptions(List.of("-Dsoakbench.worker.slowdown=8"), "worker-slow", "worker",
          "--join", "127.0.0.1:" + port, "--slots", "1");
      Process fast = nodes.start("worker-fast", "worker", "--join", "127.0.0.1:" + port, "--slots", "1");
      assertEquals(0, nodes.awaitExit(coordinator, Duration.ofMinutes(3), "coordinator"));
      assertEquals(0, nodes.awaitExit(slow, Duration.ofSeconds(60), "worker-slow"));
      assertEquals(0, nodes.awaitExit(fast, Duration.ofSeconds(60), "worker-fast"));
    }
    // the nodes leave one by one: the connections of those still shutting down abort, which the
    // log file records and the console does not show
    for (String worker : List.of("worker-slow", "worker-fast")) {
      String console = Files.readString(dir.resolve(worker + ".err"));
      assertFalse(console.contains("Upstream failed"), worker + " console:\n" + console);
    }
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(SPLITS, rows.size());
    Set<String> ids = new HashSet<>();
    for (Map<String, String> r : rows) {
      assertTrue(ids.add(r.get("iteration")), "twice: " + r);
      assertEquals("", r.get("error"), r.toString());
    }
    assertEquals(SPLITS, Files.readAllLines(dir.resolve("out/journal.jsonl")).size());
    String log = Files.readString(dir.resolve("out/soakbench.log"));
    assertTrue(log.matches("(?s).*speculating: d/nap/\\d+ has run [\\d.]+ s on \\S+, 0\\.6\\d* s expected; "
        + "a copy goes to .*"), "a copy was started");
    assertTrue(log.matches("(?s).*d/nap/\\d+: the copy on \\S+ finished first; the one on \\S+ is cancelled.*"),
        "a copy won");
  }
}
