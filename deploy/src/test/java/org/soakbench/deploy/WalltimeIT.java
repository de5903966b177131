package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers with short walltimes (a SLURM array of 20 s jobs) replaced by new ones as they end: the
 * coordinator gives a worker only splits expected to end before it leaves, so no ending worker
 * hands back a split it had started, and every split is recorded once.
 */
class WalltimeIT {
  static final int SPLITS = 24;
  static final Duration RUN_LIMIT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void shortLivedWorkersReplacedMidRunEndNoSplitAndRecordEachOnce() throws Exception {
    // 12 splits of 2.5 s and 12 no-op ones: 30 s of naps, more than two 15 s worker lives
    Nodes.writeCvExperiment(dir, "walltime", 48, 5, "{ id = nap, type = sleep, millis = 2500 }, { id = featureless }", 12);
    int port = Nodes.freePort();
    // each worker hands back and leaves 5 s before its 20 s walltime: 15 s of work a life
    List<String> shortLife = List.of("-Dsoakbench.worker.walltime-margin=5s");
    List<Integer> exits = new ArrayList<>();
    try (Nodes nodes = new Nodes(dir)) {
      Process coordinator = nodes.start("coordinator", "coordinator", "exp.conf", "--port", String.valueOf(port),
          "--http-port", "-1", "--out", "out");
      List<Process> workers = new ArrayList<>();
      int started = 0;
      long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
      while (coordinator.isAlive() && System.nanoTime() < deadline) {
        workers.removeIf(w -> {
          if (!w.isAlive()) {
            exits.add(w.exitValue());
            return true;
          }
          return false;
        });
        while (workers.size() < 2) {
          started++;
          workers.add(nodes.startWithOptions(shortLife, "worker-" + started, "worker", "--join", "127.0.0.1:" + port,
              "--walltime", "20s", "--slots", "1"));
        }
        coordinator.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      assertEquals(0, Nodes.awaitExit(coordinator, Duration.ofSeconds(5)), nodes.output("coordinator"));
      for (Process w : workers) {
        exits.add(Nodes.awaitExit(w, Duration.ofSeconds(60)));
      }
      assertTrue(started >= 3, "the run outlived its first workers: " + started + " started");
    }
    assertTrue(exits.stream().allMatch(e -> e == 0), "every worker ended cleanly: " + exits);
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(SPLITS, rows.size());
    Set<String> ids = new HashSet<>();
    for (Map<String, String> r : rows) {
      assertTrue(ids.add(r.get("learner_id") + "/" + r.get("iteration")), "twice: " + r);
      assertEquals("", r.get("error"), r.toString());
      assertEquals("1", r.get("attempts"), "no split was cut short and run again: " + r);
    }
    assertEquals(SPLITS, Files.readAllLines(dir.resolve("out/journal.jsonl")).size());
    String log = Files.readString(dir.resolve("out/soakbench.log"));
    Matcher leaving = Pattern.compile("worker \\S+ is leaving; (\\d+) of its splits handed back").matcher(log);
    int leaves = 0;
    while (leaving.find()) {
      leaves++;
      assertEquals("0", leaving.group(1), "an ending worker handed back a split: " + leaving.group());
    }
    assertTrue(leaves >= 1, "workers left at their walltime");
    // each worker tells the time it has left when it registers: at most its 20 s walltime less the
    // 5 s margin, less however long its JVM took to start and join (4-6 s on 2 busy cores)
    Matcher announced = Pattern.compile("worker joined: \\S+ with 1 slots, leaving in (\\d+) s").matcher(log);
    int announcements = 0;
    while (announced.find()) {
      announcements++;
      int left = Integer.parseInt(announced.group(1));
      assertTrue(left >= 1 && left <= 15, "a worker announced its end " + left + " s ahead: " + announced.group());
    }
    assertTrue(announcements >= 2, "workers announce their end: " + announcements + " did");
  }
}
