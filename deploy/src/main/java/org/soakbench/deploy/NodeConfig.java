package org.soakbench.deploy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Pekko configuration of one soakbench node: where it listens and which node it joins. */
final class NodeConfig {
  static final String SYSTEM = "soakbench";

  private NodeConfig() {}

  /**
   * @param host canonical host other nodes use to reach this one
   * @param port Artery port (0: any free port)
   * @param seed the node to join as {@code host:port}, or null to found a cluster with itself
   * @param httpHost Pekko Management host
   * @param httpPort Pekko Management port
   */
  static Config of(String host, int port, String seed, String httpHost, int httpPort) {
    return of(host, port, seed, httpHost, httpPort, null);
  }

  /** As above; {@code tls} (may be null) switches Artery to mutually authenticated TLS. */
  static Config of(String host, int port, String seed, String httpHost, int httpPort, Tls tls) {
    return of(host, port, seed, httpHost, httpPort, tls, false);
  }

  /** The coordinated-shutdown phases that only matter to other members of the cluster. */
  private static final List<String> LEAVE_PHASES =
      List.of("cluster-leave", "cluster-exiting", "cluster-exiting-done", "cluster-shutdown");

  /**
   * As above; {@code alone}: no other node ever joins (the embedded {@code run}), so shutting down
   * skips the cluster's leave phases, which only tell other nodes (0.1-0.2 s of every embedded run).
   */
  static Config of(String host, int port, String seed, String httpHost, int httpPort, Tls tls, boolean alone) {
    Map<String, Object> values = new HashMap<>();
    if (alone) {
      LEAVE_PHASES.forEach(p -> values.put("pekko.coordinated-shutdown.phases." + p + ".enabled", "off"));
    }
    values.put("pekko.remote.artery.canonical.hostname", host);
    values.put("pekko.remote.artery.canonical.port", port);
    if (seed != null) {
      values.put("pekko.cluster.seed-nodes", List.of("pekko://" + SYSTEM + "@" + seed));
    }
    values.put("pekko.management.http.hostname", httpHost);
    values.put("pekko.management.http.port", httpPort);
    if (tls != null) {
      values.putAll(tls.settings());
    }
    // system properties (-D...) still win, so every Pekko setting can be tuned from the command line
    return ConfigFactory.systemProperties().withFallback(ConfigFactory.parseMap(values))
        .withFallback(ConfigFactory.load());
  }
}
