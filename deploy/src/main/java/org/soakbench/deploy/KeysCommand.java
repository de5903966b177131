package org.soakbench.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.soakbench.protocol.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code soakbench keys DIR}: one cluster's key, certificate and trust store for {@code --tls DIR},
 * made with the JDK's own keytool (so nobody has to learn its flags). Every node of the cluster gets
 * the same folder: a node admits exactly the nodes that hold this key.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Make DIR/keystore.p12, DIR/truststore.p12 and DIR/password for --tls DIR (give every node of "
        + "the cluster the same folder).")
final class KeysCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "folder to create (must not hold keys yet)")
  Path dir;

  @Option(names = "--days", paramLabel = "N", description = "certificate validity in days (default: ${DEFAULT-VALUE})")
  int days = 365;

  @Override
  public Integer call() throws Exception {
    Flags.range("--days", days, 1, 36_500);
    make(dir, days);
    System.out.println("soakbench: TLS keys for one cluster in " + dir + " (keystore.p12, truststore.p12, password);"
        + " give every node --tls " + dir);
    return 0;
  }

  /** Creates the three files in {@code dir}, readable by the owner only. */
  static void make(Path dir, int days) throws IOException, InterruptedException {
    for (String f : List.of(Tls.KEY_STORE, Tls.TRUST_STORE, Tls.PASSWORD_FILE)) {
      if (Files.exists(dir.resolve(f))) {
        throw new BadInputException("keys: " + dir.resolve(f) + " already exists (remove it or choose another DIR)");
      }
    }
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Path passwordFile = dir.resolve(Tls.PASSWORD_FILE);
    Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(passwordFile, password + "\n");
    Path cert = dir.resolve("cluster.cer");
    try {
      // the password reaches keytool through its environment, never through a command line others can read
      keytool(dir, password, "-genkeypair", "-alias", "soakbench", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=soakbench cluster", "-validity", String.valueOf(days), "-storetype", "PKCS12",
          "-keystore", Tls.KEY_STORE, "-storepass:env", "SOAKBENCH_KEYS_PW");
      keytool(dir, password, "-exportcert", "-alias", "soakbench", "-keystore", Tls.KEY_STORE,
          "-storepass:env", "SOAKBENCH_KEYS_PW", "-file", cert.toString());
      keytool(dir, password, "-importcert", "-noprompt", "-alias", "soakbench", "-file", cert.toString(),
          "-storetype", "PKCS12", "-keystore", Tls.TRUST_STORE, "-storepass:env", "SOAKBENCH_KEYS_PW");
      for (String f : List.of(Tls.KEY_STORE, Tls.TRUST_STORE)) {
        Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-------"));
      }
    } finally {
      Files.deleteIfExists(cert);
    }
  }

  private static void keytool(Path dir, String password, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("SOAKBENCH_KEYS_PW", password);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool " + args[0] + " failed: " + out.replace('\n', ' '));
    }
  }
}
