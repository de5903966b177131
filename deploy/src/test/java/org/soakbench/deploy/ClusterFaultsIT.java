package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clusters of several JVMs on 127.0.0.1: a coordinator and workers started from the fat jar,
 * workers killed with SIGKILL, stopped with SIGTERM and added mid-run. The final score table must
 * hold every split exactly once and equal a one-worker embedded run.
 */
class ClusterFaultsIT {
  static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  static final int SPLITS = 276;

  @TempDir Path dir;
  @TempDir static Path referenceDir;
  private static List<String> reference;

  @BeforeEach
  void experiment() throws Exception {
    writeExperiment(dir);
  }

  /** Writes the fault-test experiment (276 splits) and its data into {@code dir}; other tests use it too. */
  static void writeExperiment(Path dir) throws Exception {
    writeExperiment(dir, 300);
  }

  /** The same experiment with {@code napMillis} per sleeping split (the scores do not depend on it). */
  static void writeExperiment(Path dir, int napMillis) throws Exception {
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // a task large enough to cross the wire in several chunks (about 1 MB serialised)
    StringBuilder big = new StringBuilder("x,y\n");
    for (int i = 0; i < 30_000; i++) {
      big.append(i * 0.001).append(',').append(Math.sin(i * 0.001)).append('\n');
    }
    Files.writeString(dir.resolve("big.csv"), big.toString());
    // easy: 120 SOAK iterations (sizes 2, seeds 2); big: 18 (no subsets); x 2 learners = 276 splits.
    // The sleeping learner takes ~300 ms a split: long enough that a worker started mid-run (JVM start,
    // cluster join, registration: several seconds on a busy 2-core machine) still finds work.
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          name = faults
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person }
                    { id = big, data = big.csv, target = y, features = [x] } ]
          learners = [ { id = nap, type = sleep, millis = %d }, { id = featureless } ]
          resampling { sizes = 2, seeds = 2 }
        }
        """.formatted(napMillis));
  }

  /** The same experiment run by one embedded worker, computed once for both tests. */
  private static synchronized List<String> embeddedReference() throws Exception {
    if (reference == null) {
      reference = embeddedReference(referenceDir);
    }
    return reference;
  }

  /**
   * The score table (deterministic columns) of this experiment run by one embedded worker in {@code work},
   * without naps: the scores do not depend on them, and 138 naps of 300 ms would add 41 s to each test.
   */
  static List<String> embeddedReference(Path work) throws Exception {
    Files.createDirectories(work);
    writeExperiment(work, 0);
    Cli.Result r = Cli.run("run", work.resolve("exp.conf").toString(), "--workers", "1", "--out",
        work.resolve("ref").toString());
    assertEquals(0, r.exitCode(), r.err());
    return SeedExampleTest.deterministicPart(work.resolve("ref/scores.csv"));
  }

  private static void assertEachSplitOnce(Path out) throws Exception {
    List<Map<String, String>> rows = SeedExampleTest.csv(out.resolve("scores.csv"));
    assertEquals(SPLITS, rows.size());
    Set<String> ids = new HashSet<>();
    for (Map<String, String> r : rows) {
      assertTrue(ids.add(r.get("task_id") + "/" + r.get("learner_id") + "/" + r.get("iteration")), "twice: " + r);
      assertEquals("", r.get("error"), r.toString());
    }
    assertEquals(SPLITS, Files.readAllLines(out.resolve("journal.jsonl")).size());
    String log = Files.readString(out.resolve("soakbench.log"));
    assertTrue(log.matches("(?s).*sending task big \\(\\d+ bytes, ([4-9]|\\d\\d+) chunks\\).*"),
        "the big task should travel in several chunks");
  }

  static String get(String url) throws Exception {
    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return response.body();
  }

  /** Polls the progress endpoint, at most {@code limit}, until it lists a worker on a node not in {@code known}. */
  static com.fasterxml.jackson.databind.JsonNode awaitNewWorker(String http, Set<String> known, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    com.fasterxml.jackson.databind.JsonNode progress = null;
    while (System.nanoTime() < deadline) {
      try {
        progress = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(http + "/soakbench/progress"));
      } catch (java.io.IOException | AssertionError e) {
        Thread.sleep(200); // the coordinator's HTTP server (or its coordinator actor) is not up yet
        continue;
      }
      for (var w : progress.get("workers")) {
        if (known.add(w.get("node").asText())) {
          return progress;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no new worker within " + limit + ": " + progress);
  }

  /** Polls the progress endpoint, at most {@code limit}, until worker {@code node} runs a split whose id starts with {@code prefix}. */
  static void awaitRunning(String http, String node, String prefix, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      last = get(http + "/soakbench/progress");
      for (var w : new com.fasterxml.jackson.databind.ObjectMapper().readTree(last).get("workers")) {
        if (w.get("node").asText().equals(node)) {
          for (var id : w.get("current")) {
            if (id.asText().startsWith(prefix)) {
              return;
            }
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("worker " + node + " ran no " + prefix + " split within " + limit + ": " + last);
  }

  /** Nobody can down, remove or make a member leave over HTTP, and the port listens on loopback only. */
  static void assertManagementIsReadOnlyAndOnLoopback(String http, String members) throws Exception {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(members).get("members").get(1).get("node");
    String member = http + "/cluster/members/" + java.net.URLEncoder.encode(node.asText(), java.nio.charset.StandardCharsets.UTF_8);
    var client = java.net.http.HttpClient.newHttpClient();
    for (var request : List.of(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(member)).DELETE(),
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(member))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("operation=Down")),
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(http + "/cluster/members"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("address=pekko://soakbench@127.0.0.1:1")))) {
      int code = client.send(request.timeout(Duration.ofSeconds(10)).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      assertTrue(code == 404 || code == 405, "a write route answered " + code);
    }
    // the member the requests named is still Up (others may be joining meanwhile)
    String after = get(http + "/cluster/members");
    var still = new com.fasterxml.jackson.databind.ObjectMapper().readTree(after).get("members");
    boolean up = false;
    for (var m : still) {
      up |= m.get("node").asText().equals(node.asText()) && m.get("status").asText().equals("Up");
    }
    assertTrue(up, "a write route changed member " + node.asText() + ": " + after);
    // the listening socket, read from the kernel's table (no traffic to other addresses): 127.0.0.1 only
    String portHex = String.format(":%04X", Integer.parseInt(http.substring(http.lastIndexOf(':') + 1)));
    List<String> listening = new java.util.ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Files.readAllLines(Path.of(table)).stream().map(String::trim).map(l -> l.split("\\s+"))
          .filter(f -> f[1].endsWith(portHex) && f[3].equals("0A")).forEach(f -> listening.add(f[1]));
    }
    // 127.0.0.1 reads 0100007F, also as the IPv4-mapped IPv6 address; a wildcard would read 000...0
    assertTrue(!listening.isEmpty() && listening.stream().allMatch(a -> a.endsWith("0100007F" + portHex)),
        "management listens on " + listening);
  }

  @Test
  void workerKilledWithSigkillAndWorkerAddedMidRun() throws Exception {
    int port = Nodes.freePort();
    String http = "http://127.0.0.1:" + Nodes.freePort();
    try (Nodes nodes = new Nodes(dir)) {
      // speculation off: at the tail an idle worker would otherwise run a copy of the killed worker's
      // split before the loss is known (SpeculationIT covers that), and the re-queue path would go untested
      Process coordinator = nodes.startWithOptions(List.of("-Dsoakbench.coordinator.speculation=off"), "coordinator",
          "coordinator", "exp.conf", "--port", String.valueOf(port), "--http-port", http.substring(http.lastIndexOf(':') + 1),
          "--out", "out");
      int doomedPort = Nodes.freePort();
      Process doomed = nodes.start("worker-1", "worker", "--join", "127.0.0.1:" + port, "--slots", "2",
          "--port", String.valueOf(doomedPort));
      Process survivor = nodes.start("worker-2", "worker", "--join", "127.0.0.1:" + port, "--slots", "2");
      // monitoring during the run: members Up, progress totals match the plan, the status command
      Set<String> seen = new HashSet<>();
      awaitNewWorker(http, seen, Duration.ofSeconds(60));
      var progress = awaitNewWorker(http, seen, Duration.ofSeconds(60)); // each call adds one new node
      // the late worker is added now, while the run goes, early enough to find work: starting a JVM and
      // joining takes seconds, and while a killed node is unreachable and not yet downed the cluster
      // moves no joining node to Up, so it joins before the kill
      Process late = nodes.start("worker-3", "worker", "--join", "127.0.0.1:" + port, "--slots", "2");
      assertEquals(SPLITS, progress.get("total").asInt());
      assertEquals(2, progress.get("workers").get(0).get("slots").asInt());
      get(http + "/alive"); // 200, or get() fails
      get(http + "/ready");
      String members = get(http + "/cluster/members");
      assertTrue(members.split("\"status\":\"Up\"", -1).length - 1 >= 3, members);
      assertManagementIsReadOnlyAndOnLoopback(http, members);
      Cli.Result status = Cli.run("status", http);
      assertEquals(0, status.exitCode(), status.err());
      assertTrue(status.out().contains("faults: ") && status.out().contains("/" + SPLITS + " splits done"), status.out());
      try {
        awaitNewWorker(http, seen, Duration.ofSeconds(30)); // the late worker shows up within seconds
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\nworker-3:\n" + nodes.output("worker-3"), e);
      }
      Nodes.awaitLines(dir.resolve("out/journal.jsonl"), 60, RUN_LIMIT);
      // killed while the coordinator knows it runs a sleeping split, so that a lost lease must be retried
      awaitRunning(http, "127.0.0.1:" + doomedPort, "easy/nap/", Duration.ofSeconds(60));
      doomed.destroyForcibly(); // SIGKILL: no goodbye, its running splits are lost with it
      assertEquals(0, Nodes.awaitExit(coordinator, RUN_LIMIT), nodes.output("coordinator"));
      assertEquals(0, Nodes.awaitExit(survivor, Duration.ofSeconds(60)), nodes.output("worker-2"));
      assertEquals(0, Nodes.awaitExit(late, Duration.ofSeconds(60)), nodes.output("worker-3"));
    }
    assertEachSplitOnce(dir.resolve("out"));
    String log = Files.readString(dir.resolve("out/soakbench.log"));
    assertTrue(log.contains("member downed"), "downing not logged");
    assertTrue(log.matches("(?s).*re-queued easy/nap/\\d+ as attempt 2: worker 127\\.0\\.0\\.1:\\d+ was lost.*"),
        () -> "re-queue not logged:\n" + log.lines()
            .filter(l -> l.contains("lost") || l.contains("re-queued") || l.contains("copy") || l.contains("speculat")
                || l.contains("downed") || l.contains("worker left"))
            .collect(java.util.stream.Collectors.joining("\n")));
    assertEquals(3, log.split("worker joined", -1).length - 1, "three workers joined");
    List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertTrue(rows.stream().anyMatch(r -> r.get("attempts").equals("2")), "some split was retried");
    assertEquals(3, rows.stream().map(r -> r.get("worker")).distinct().count(), () -> "all three workers scored splits: "
        + rows.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.get("worker"),
            java.util.stream.Collectors.counting())) + "\n" + log.lines()
            .filter(l -> l.contains("worker joined") || l.contains("worker left") || l.contains("lost")
                || l.contains("downed") || l.contains("recorded; writing"))
            .collect(java.util.stream.Collectors.joining("\n")));
    assertEquals(embeddedReference(), SeedExampleTest.deterministicPart(dir.resolve("out/scores.csv")));
  }

  @Test
  void workerStoppedWithSigtermHandsBackItsSplits() throws Exception {
    int port = Nodes.freePort();
    try (Nodes nodes = new Nodes(dir)) {
      Process coordinator = nodes.start("coordinator", "coordinator", "exp.conf", "--port", String.valueOf(port),
          "--http-port", "-1", "--out", "out");
      Process leaving = nodes.start("worker-1", "worker", "--join", "127.0.0.1:" + port, "--slots", "2");
      Nodes.awaitLines(dir.resolve("out/journal.jsonl"), 40, RUN_LIMIT);
      leaving.destroy(); // SIGTERM: coordinated shutdown hands the running splits back before leaving
      Nodes.awaitExit(leaving, Duration.ofSeconds(60));
      Process next = nodes.start("worker-2", "worker", "--join", "127.0.0.1:" + port, "--slots", "2");
      assertEquals(0, Nodes.awaitExit(coordinator, RUN_LIMIT), nodes.output("coordinator"));
      assertEquals(0, Nodes.awaitExit(next, Duration.ofSeconds(60)), nodes.output("worker-2"));
    }
    assertEachSplitOnce(dir.resolve("out"));
    String log = Files.readString(dir.resolve("out/soakbench.log"));
    assertTrue(log.matches("(?s).*worker 127\\.0\\.0\\.1:\\d+ is leaving; \\d+ of its splits handed back and re-queued.*"), "no hand-back");
    assertTrue(!log.contains("was lost"), "a graceful leave must not look like a crash");
    assertEquals(embeddedReference(), SeedExampleTest.deterministicPart(dir.resolve("out/scores.csv")));
  }
}
