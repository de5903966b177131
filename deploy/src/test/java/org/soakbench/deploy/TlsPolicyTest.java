package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No plain-text cluster off loopback without {@code --insecure}; {@code soakbench keys} makes usable stores. */
class TlsPolicyTest {
  @TempDir Path dir;

  private static void assertRefused(Cli.Result r, String flag, String host) {
    assertEquals(2, r.exitCode(), r.err());
    String[] lines = r.err().strip().split("\n");
    assertEquals(1, lines.length, r.err());
    assertEquals("soakbench: " + flag + " " + host + " is not a loopback address: the cluster would talk in plain "
        + "text; give --tls DIR (make DIR with 'soakbench keys DIR') or --insecure", lines[0]);
  }

  @Test
  void aCoordinatorOffLoopbackNeedsTlsOrInsecure() {
    Path exp = SeedExampleTest.root().resolve("examples/seed/experiment.conf");
    Path out = dir.resolve("out");
    assertRefused(Cli.run("coordinator", exp.toString(), "--host", "192.0.2.7", "--out", out.toString()),
        "--host", "192.0.2.7");
    assertFalse(Files.exists(out), "refused before anything is written");
  }

  @Test
  void aWorkerOffLoopbackNeedsTlsOrInsecure() {
    assertRefused(Cli.run("worker", "--join", "192.0.2.7:25520", "--give-up-after", "1"), "--join", "192.0.2.7");
    assertRefused(Cli.run("worker", "--join", "127.0.0.1:25520", "--host", "192.0.2.8", "--give-up-after", "1"),
        "--host", "192.0.2.8");
  }

  @Test
  void keysMakesOwnerOnlyStoresThatOpenWithTheirPassword() throws Exception {
    Path keys = dir.resolve("keys");
    Cli.Result r = Cli.run("keys", keys.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    char[] password = Files.readString(keys.resolve("password")).strip().toCharArray();
    for (String f : new String[] {"keystore.p12", "truststore.p12", "password"}) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(f))), f);
    }
    KeyStore key = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keys.resolve("keystore.p12"))) {
      key.load(in, password);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keys.resolve("truststore.p12"))) {
      trust.load(in, password);
    }
    assertTrue(key.isKeyEntry("soakbench"));
    // the trust store holds exactly the cluster's own certificate
    assertEquals(key.getCertificate("soakbench"), trust.getCertificate("soakbench"));
    assertEquals(1, trust.size());
    assertEquals(password.length, Tls.from(keys).password().length());

    byte[] before = Files.readAllBytes(keys.resolve("keystore.p12"));
    Cli.Result again = Cli.run("keys", keys.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains(keys.resolve("keystore.p12") + " already exists"), again.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(keys.resolve("keystore.p12"))), "keys kept");
  }
}
