package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over mutually authenticated TLS: a trusted worker runs the experiment; a worker with a
 * certificate the cluster does not trust is never admitted. Keys are made with the JDK's keytool.
 */
class TlsIT {
  static final String PASSWORD = "soakbench-test-pw";

  @TempDir Path dir;

  private static void keytool(Path cwd, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + args[0] + ": " + out);
  }

  /** A folder with a fresh key pair and a trust store holding the given certificates (this node's own first). */
  private Path keys(String name, Path... alsoTrusted) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    keytool(d, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
        "-validity", "30", "-storetype", "PKCS12", "-keystore", "keystore.p12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool(d, "-exportcert", "-alias", name, "-keystore", "keystore.p12", "-storepass", PASSWORD, "-file", "cert.cer");
    keytool(d, "-importcert", "-noprompt", "-alias", name, "-file", "cert.cer", "-keystore", "truststore.p12",
        "-storepass", PASSWORD, "-storetype", "PKCS12");
    for (Path other : alsoTrusted) {
      keytool(d, "-importcert", "-noprompt", "-alias", other.getFileName().toString(), "-file",
          other.resolve("cert.cer").toString(), "-keystore", "truststore.p12", "-storepass", PASSWORD, "-storetype", "PKCS12");
    }
    return d;
  }

  @Test
  void trustedNodesRunUntrustedNodeIsRefused() throws Exception {
    Path cluster = keys("cluster");
    // the intruder trusts the cluster, but the cluster does not trust the intruder
    Path intruder = keys("intruder", cluster);
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = nap, type = sleep, millis = 300 }, { id = featureless } ]
        }
        """);
    int port = Nodes.freePort();
    try (Nodes nodes = new Nodes(dir, java.util.Map.of(Tls.PASSWORD_ENV, PASSWORD))) {
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
