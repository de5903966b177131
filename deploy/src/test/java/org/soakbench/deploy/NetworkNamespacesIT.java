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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hosts on one machine: the coordinator and two workers each in a network namespace of
 * their own (veth pairs into a bridge in a hub namespace, addresses 10.77.0.0/24 that exist only
 * inside these namespaces). Mid-run one worker's link is cut: it is downed and its splits re-run.
 * Needs root and iproute2; skipped with a message where namespaces cannot be made.
 */
class NetworkNamespacesIT {
  @TempDir Path dir;

  private final String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
  private final List<String> namespaces = new ArrayList<>();

  private static int ip(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static void must(String... args) throws Exception {
    assertEquals(0, ip(args), "ip " + String.join(" ", args));
  }

  private String ns(String name) throws Exception {
    String full = "sb" + tag + "-" + name;
    must("netns", "add", full);
    namespaces.add(full);
    must("-n", full, "link", "set", "lo", "up");
    return full;
  }

  /** A host: its namespace, joined to the hub bridge by a veth pair, with one address. */
  private String host(String hub, String name, String address) throws Exception {
    String n = ns(name);
    String inside = "sb" + tag + name;
    String outside = inside + "h";
    must("link", "add", inside, "type", "veth", "peer", "name", outside);
    must("link", "set", inside, "netns", n);
    must("link", "set", outside, "netns", hub);
    must("-n", hub, "link", "set", outside, "master", "br0");
    must("-n", hub, "link", "set", outside, "up");
    must("-n", n, "addr", "add", address + "/24", "dev", inside);
    must("-n", n, "link", "set", inside, "up");
    return n;
  }

  @Test
  void workersOnOtherHostsAndACutLink() throws Exception {
    Assumptions.assumeTrue(ip("netns", "add", "sb" + tag + "-probe") == 0,
        "cannot create network namespaces here (needs root and iproute2)");
    namespaces.add("sb" + tag + "-probe");
    try {
      String hub = ns("hub");
      must("-n", hub, "link", "add", "br0", "type", "bridge");
      must("-n", hub, "link", "set", "br0", "up");
      String coordNs = host(hub, "c", "10.77.0.1");
      String w1 = host(hub, "a", "10.77.0.2");
      String w2 = host(hub, "b", "10.77.0.3");
      ClusterFaultsIT.writeExperiment(dir);
      try (Nodes nodes = new Nodes(dir)) {
        Process coordinator = nodes.startIn(List.of("ip", "netns", "exec", coordNs), "coordinator", "coordinator",
            "exp.conf", "--host", "10.77.0.1", "--port", "25520", "--http-port", "-1", "--out", "out", "--insecure");
        Process cut = nodes.startIn(List.of("ip", "netns", "exec", w1), "worker-a", "worker", "--join", "10.77.0.1:25520",
            "--host", "10.77.0.2", "--slots", "2", "--give-up-after", "10", "--insecure");
        Process kept = nodes.startIn(List.of("ip", "netns", "exec", w2), "worker-b", "worker", "--join", "10.77.0.1:25520",
            "--host", "10.77.0.3", "--slots", "2", "--insecure");
        Nodes.awaitLines(dir.resolve("out/journal.jsonl"), 60, ClusterFaultsIT.RUN_LIMIT);
        must("-n", hub, "link", "set", "sb" + tag + "ah", "down"); // the network of host a fails
        assertEquals(0, Nodes.awaitExit(coordinator, ClusterFaultsIT.RUN_LIMIT), nodes.output("coordinator"));
        assertEquals(0, Nodes.awaitExit(kept, Duration.ofSeconds(60)), nodes.output("worker-b"));
        // the cut-off worker sees the coordinator vanish, downs itself, looks for it again in vain and gives up
        // bounded: each of its two lives may wait out the shutdown phases and TERMINATE_GRACE on a dead link
        assertEquals(1, nodes.awaitExit(cut, Duration.ofSeconds(180), "worker-a"), nodes.output("worker-a"));
        assertTrue(nodes.output("worker-a").contains("worker 10.77.0.2: lost"), nodes.output("worker-a"));
        assertTrue(nodes.output("worker-a").contains("worker 10.77.0.2: no coordinator"), nodes.output("worker-a"));
      }
      List<Map<String, String>> rows = SeedExampleTest.csv(dir.resolve("out/scores.csv"));
      assertEquals(ClusterFaultsIT.SPLITS, rows.size());
      Set<String> ids = new HashSet<>();
      rows.forEach(r -> assertTrue(ids.add(r.get("task_id") + "/" + r.get("learner_id") + "/" + r.get("iteration"))));
      String log = Files.readString(dir.resolve("out/soakbench.log"));
      assertTrue(log.contains("member downed: pekko://soakbench@10.77.0.2:"), "host a downed");
      assertTrue(log.contains("was lost"), "its splits re-queued");
      assertTrue(rows.stream().anyMatch(r -> r.get("worker").startsWith("10.77.0.2:")), "host a worked before the cut");
      assertTrue(rows.stream().anyMatch(r -> r.get("worker").startsWith("10.77.0.3:")), "host b worked");
    } finally {
      for (String n : namespaces) {
        ip("netns", "del", n); // deleting a namespace removes its veth ends too
      }
    }
  }
}
