package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over mutually authenticated TLS with keys made by {@code soakbench keys}: a worker with the
 * cluster's folder runs the experiment; a worker with keys of its own is never admitted.
 */
class TlsIT {
  @TempDir Path dir;

  private Path keys(String name) {
    Path d = dir.resolve(name);
    Cli.Result r = Cli.run("keys", d.toString());
    assertEquals(0, r.exitCode(), r.err());
    return d;
  }

  @Test
  void trustedNodesRunUntrustedNodeIsRefused() throws Exception {
    Path cluster = keys("cluster");
    Path intruder = keys("intruder");
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = nap, type = sleep, millis = 300 }, { id = featureless } ]
        }
        """);
    int port = Nodes.freePort();
    try (Nodes nodes = new Nodes(dir)) {
      Process coordinator = nodes.start("coordinator", "coordinator", "exp.conf", "--port", String.valueOf(port),
          "--http-port", "-1", "--out", "out", "--tls", cluster.toString());
      Process bad = nodes.start("intruder", "worker", "--join", "127.0.0.1:" + port, "--slots", "2", "--tls",
          intruder.toString());
      Process good = nodes.start("worker", "worker", "--join", "127.0.0.1:" + port, "--slots", "1", "--tls",
          cluster.toString());
      assertEquals(0, Nodes.awaitExit(coordinator, Duration.ofMinutes(3)), nodes.output("coordinator"));
      assertEquals(0, Nodes.awaitExit(good, Duration.ofSeconds(60)), nodes.output("worker"));
      assertTrue(bad.isAlive(), "the intruder never got in, so it is still trying to join");
      bad.destroyForcibly();
    }
    String log = Files.readString(dir.resolve("out/soakbench.log"));
    assertEquals(1, log.split("worker joined", -1).length - 1, "only the trusted worker joined: " + log);
    assertEquals(37, Files.readAllLines(dir.resolve("out/scores.csv")).size());
    var rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
    assertEquals(1, rows.stream().map(r -> r.get("worker")).distinct().count(), "one (trusted) worker scored everything");
  }
}
