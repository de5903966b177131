package org.soakbench.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.soakbench.protocol.BadInputException;

/**
 * Mutually authenticated TLS between nodes (Artery {@code tls-tcp}): {@code DIR/keystore.p12}
 * holds this node's key and certificate, {@code DIR/truststore.p12} the certificates it accepts;
 * the password comes from the environment variable {@code SOAKBENCH_TLS_PASSWORD} or else from
 * {@code DIR/password} (as {@code soakbench keys} writes it), never from the command line. A node
 * whose certificate the others do not trust cannot join. Off loopback, plain text needs {@code --insecure}.
 */
record Tls(Path keyStore, Path trustStore, String password) {
  static final String PASSWORD_ENV = "SOAKBENCH_TLS_PASSWORD";
  static final String KEY_STORE = "keystore.p12";
  static final String TRUST_STORE = "truststore.p12";
  static final String PASSWORD_FILE = "password";
  private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

  /** Reads {@code --tls DIR}; null when the flag was not given. */
  static Tls from(Path dir) {
    if (dir == null) {
      return null;
    }
    Path key = dir.resolve(KEY_STORE);
    Path trust = dir.resolve(TRUST_STORE);
    for (Path p : List.of(key, trust)) {
      if (!Files.isReadable(p)) {
        throw new BadInputException("--tls: " + p + " not found (expected " + KEY_STORE + " and " + TRUST_STORE
            + "; 'soakbench keys " + dir + "' makes them)");
      }
    }
    String password = System.getenv(PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      password = passwordFile(dir.resolve(PASSWORD_FILE));
    }
    return new Tls(key.toAbsolutePath(), trust.toAbsolutePath(), password);
  }

  private static String passwordFile(Path file) {
    if (!Files.isReadable(file)) {
      throw new BadInputException("--tls: no password: set " + PASSWORD_ENV + " or put it in " + file);
    }
    try {
      String p = Files.readString(file).strip();
      if (p.isEmpty()) {
        throw new BadInputException("--tls: " + file + " is empty (expected the key store password)");
      }
      return p;
    } catch (java.io.IOException e) {
      throw new BadInputException("--tls: cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Refuses a plain-text cluster off loopback: a node whose address {@code host} (named by {@code flag})
   * is not a loopback address needs {@code --tls} or {@code --insecure}; with {@code --insecure} it
   * says once that anyone on the network can join and send results.
   */
  static void checkPlainText(String flag, String host, Tls tls, boolean insecure) {
    if (tls != null || isLoopback(flag, host)) {
      return;
    }
    if (!insecure) {
      throw new BadInputException(flag + " " + host + " is not a loopback address: the cluster would talk in plain "
          + "text; give --tls DIR (make DIR with 'soakbench keys DIR') or --insecure");
    }
    if (!WARNED.getAndSet(true)) {
      System.err.println("soakbench: warning: --insecure: plain text on " + host
          + "; any host that reaches the cluster's ports can join it and send results");
    }
  }

  private static boolean isLoopback(String flag, String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw new BadInputException(flag + ": unknown host '" + host + "'");
    }
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
