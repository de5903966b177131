package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator is killed with SIGKILL mid-run and restarted with the same command: the workers
 * (one staying, one ordinary) rejoin it, only the missing splits are computed, and the final table
 * equals an uninterrupted run.
 */
class CoordinatorCrashIT {
  @TempDir Path dir;

  /**
   * @param sigkill SIGKILL (a crash: the node is detected unreachable and downed) or SIGTERM (a graceful
   *     stop: the coordinator says how far it got, its node leaves, and the workers must not be stranded)
   */
  @ParameterizedTest(name = "sigkill={0}")
  @ValueSource(booleans = {true, false})
  void coordinatorStoppedAndRestartedCompletesTheRun(boolean sigkill) throws Exception {
    ClusterFaultsIT.writeExperiment(dir);
    int port = Nodes.freePort();
    String[] coordinatorArgs = {"coordinator", "exp.conf", "--port", String.valueOf(port), "--http-port", "-1",
        "--out", "out"};
    try (Nodes nodes = new Nodes(dir)) {
      Process first = nodes.start("coordinator-1", coordinatorArgs);
      nodes.start("worker-1", "worker", "--join", "127.0.0.1:" + port, "--slots", "2", "--stay");
      Process ordinary = nodes.start("worker-2", "worker", "--join", "127.0.0.1:" + port, "--slots", "2");
      Nodes.awaitLines(dir.resolve("out/journal.jsonl"), 80, ClusterFaultsIT.RUN_LIMIT);
      if (sigkill) {
        first.destroyForcibly();
        Nodes.awaitExit(first, Duration.ofSeconds(30));
      } else {
        first.destroy();
        assertEquals(143, Nodes.awaitExit(first, Duration.ofSeconds(30)), nodes.output("coordinator-1"));
        assertTrue(nodes.output("coordinator-1").matches("(?s).*soakbench: interrupted after \\d+ of "
            + ClusterFaultsIT.SPLITS + " splits; run the same command to resume.*"), nodes.output("coordinator-1"));
      }
      int before = Files.readAllLines(dir.resolve("out/journal.jsonl")).size();
      Process second = nodes.start("coordinator-2", coordinatorArgs);
      assertEquals(0, Nodes.awaitExit(second, ClusterFaultsIT.RUN_LIMIT), nodes.output("coordinator-2"));
      String log = Files.readString(dir.resolve("out/soakbench.log"));
      assertTrue(log.contains("resuming: "), "resumed from the journal");
      String afterRestart = log.substring(log.indexOf("resuming: "));
      assertEquals(2, afterRestart.split("worker joined", -1).length - 1, "both workers rejoined the new coordinator: "
          + afterRestart);
      // the ordinary worker lost its coordinator, looked for it again, and ends with the run
      assertEquals(0, Nodes.awaitExit(ordinary, Duration.ofSeconds(60)), nodes.output("worker-2"));
      assertTrue(nodes.output("worker-2").contains("looking for a coordinator"), nodes.output("worker-2"));
      assertTrue(before < ClusterFaultsIT.SPLITS, "the crash happened mid-run");
    }
    List<String> journal = Files.readAllLines(dir.resolve("out/journal.jsonl"));
    assertEquals(ClusterFaultsIT.SPLITS, journal.size(), "every split journaled once");
    Set<String> ids = new HashSet<>();
    journal.forEach(l -> assertTrue(ids.add(l.substring(0, l.indexOf(','))), "twice: " + l));
    assertEquals(ClusterFaultsIT.embeddedReference(dir.resolve("uninterrupted")),
        SeedExampleTest.deterministicPart(dir.resolve("out/scores.csv")));
  }
}
