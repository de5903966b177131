package org.soakbench.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.soakbench.protocol.BadInputException;

/**
 * Mutually authenticated TLS between nodes (Artery {@code tls-tcp}): {@code DIR/keystore.p12}
 * holds this node's key and certificate, {@code DIR/truststore.p12} the certificates it accepts;
 * the password comes from the environment variable {@code SOAKBENCH_TLS_PASSWORD}, never from
 * the command line. A node whose certificate the others do not trust cannot join.
 */
record Tls(Path keyStore, Path trustStore, String password) {
  static final String PASSWORD_ENV = "SOAKBENCH_TLS_PASSWORD";

  /** Reads {@code --tls DIR}; null when the flag was not given. */
  static Tls from(Path dir) {
    if (dir == null) {
      return null;
    }
    Path key = dir.resolve("keystore.p12");
    Path trust = dir.resolve("truststore.p12");
    for (Path p : List.of(key, trust)) {
      if (!Files.isReadable(p)) {
        throw new BadInputException("--tls: " + p + " not found (expected keystore.p12 and truststore.p12)");
      }
    }
    String password = System.getenv(PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      throw new BadInputException("--tls: set the key and trust store password in the environment variable " + PASSWORD_ENV);
    }
    return new Tls(key.toAbsolutePath(), trust.toAbsolutePath(), password);
  }

  /** The Artery settings for this node. */
  Map<String, Object> settings() {
    String ssl = "pekko.remote.artery.ssl.config-ssl-engine.";
    return Map.of(
        "pekko.remote.artery.transport", "tls-tcp",
        ssl + "key-store", keyStore.toString(),
        ssl + "trust-store", trustStore.toString(),
        ssl + "key-store-password", password,
        ssl + "key-password", password,
        ssl + "trust-store-password", password,
        ssl + "protocol", "TLSv1.3",
        ssl + "enabled-algorithms", List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
        ssl + "require-mutual-authentication", "on",
        // nodes are addressed by IP as often as by name: trust comes from the certificate, not the hostname
        ssl + "hostname-verification", "off");
  }
}
