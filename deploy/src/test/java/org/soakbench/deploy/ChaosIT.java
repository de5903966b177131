package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: a coordinator and three workers on loopback run the fault experiment while faults chosen
 * at random (seeded, printed) hit them: a worker SIGKILLed or SIGTERMed (and replaced), a worker
 * SIGSTOPped until the coordinator drops it and then SIGCONTed, the coordinator SIGKILLed or
 * SIGTERMed and restarted with the same command, a worker added. Every run must end with exactly
 * one journal line per split, the score table of an uninterrupted one-worker run, and no process
 * left behind. {@code -Dchaos.runs=N} repeats it (bench/chaos.sh), {@code -Dchaos.seed=S} replays
 * one run; each run appends its faults to {@code -Dchaos.summary=FILE} as one JSON line.
 */
class ChaosIT {
  /** The kinds of fault injected. */
  enum Fault { KILL_WORKER, TERM_WORKER, STOP_WORKER, KILL_COORDINATOR, TERM_COORDINATOR, ADD_WORKER }

  /** Journal fractions at which the faults of a run are injected, one fault each. */
  static final double[] AT = {0.12, 0.3, 0.48, 0.66};

  static final Duration FAULT_LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void everyRunEndsWithEachSplitOnceAndTheUninterruptedTable() throws Exception {
    int runs = Integer.getInteger("chaos.runs", 1);
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    List<String> reference = ClusterFaultsIT.embeddedReference(dir.resolve("uninterrupted"));
    for (int run = 0; run < runs; run++) {
      long runSeed = seed + run;
      Path work = Files.createDirectories(dir.resolve("run-" + run));
      System.out.println("chaos run " + run + " seed " + runSeed);
      Map<Fault, Integer> injected;
      try {
        injected = new ChaosRun(work, new Random(runSeed)).run(reference);
      } catch (AssertionError | Exception e) {
        // the run's logs outlive the temporary folder, for whoever replays it with -Dchaos.seed
        Path kept = Path.of(System.getProperty("java.io.tmpdir"), "soakbench-chaos-" + runSeed);
        copy(work, kept);
        throw new AssertionError("chaos run " + run + " (seed " + runSeed + ", logs in " + kept + "): "
            + e.getMessage(), e);
      }
      String line = "{\"seed\": " + runSeed + ", " + injected.entrySet().stream()
          .map(e -> "\"" + e.getKey().name().toLowerCase() + "\": " + e.getValue()).collect(Collectors.joining(", "))
          + "}";
      System.out.println("chaos run " + run + ": " + line);
      String summary = System.getProperty("chaos.summary");
      if (summary != null) {
        Files.writeString(Path.of(summary), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    }
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().endsWith(".csv") || p.getParent().endsWith("out")) {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** One run: the cluster, its faults, and the checks at the end. */
  private static final class ChaosRun {
    private final Path dir;
    private final Random random;
    private final List<Process> workers = new ArrayList<>();
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final String[] coordinatorArgs;
    private int workerLogs;
    private int coordinatorLogs;
    private final int port;

    ChaosRun(Path dir, Random random) throws Exception {
      this.dir = dir;
      this.random = random;
      this.port = Nodes.freePort();
      this.coordinatorArgs = new String[] {"coordinator", "exp.conf", "--port", String.valueOf(port), "--http-port",
          "-1", "--out", "out"};
    }

    Map<Fault, Integer> run(List<String> reference) throws Exception {
      // splits twice as long as the fault tests': dispatch got fast enough that a 300 ms run ended
      // before its later faults were due
      ClusterFaultsIT.writeExperiment(dir, 600);
      Path journal = dir.resolve("out/journal.jsonl");
      try (Nodes nodes = new Nodes(dir)) {
        Process coordinator = startCoordinator(nodes);
        for (int i = 0; i < 3; i++) {
          addWorker(nodes);
        }
        for (double at : AT) {
          if (!awaitJournal(journal, (int) (at * ClusterFaultsIT.SPLITS), coordinator)
              || lines() >= ClusterFaultsIT.SPLITS) {
            break; // the run ended before this fault was due (a frozen worker can outlast the rest of it)
          }
          Fault f = Fault.values()[random.nextInt(Fault.values().length)];
          coordinator = inject(f, nodes, coordinator);
          injected.merge(f, 1, Integer::sum);
        }
        assertEquals(0, nodes.awaitExit(coordinator, ClusterFaultsIT.RUN_LIMIT, "coordinator-" + coordinatorLogs),
            "faults " + injected);
        // ordinary workers end with the run; none may be left running
        for (int i = 0; i < workers.size(); i++) {
          Process w = workers.get(i);
          nodes.awaitExit(w, FAULT_LIMIT, "worker-" + (i + 1));
          assertTrue(w.descendants().noneMatch(ProcessHandle::isAlive), "worker-" + (i + 1) + " left a process");
        }
      }
      List<String> lines = Files.readAllLines(journal);
      assertEquals(ClusterFaultsIT.SPLITS, lines.size(), "one journal line per split; faults " + injected);
      Set<String> ids = new HashSet<>();
      lines.forEach(l -> assertTrue(ids.add(l.substring(0, l.indexOf(','))), "twice: " + l + "; faults " + injected));
      assertEquals(reference, SeedExampleTest.deterministicPart(dir.resolve("out/scores.csv")),
          "the table of an uninterrupted run; faults " + injected);
      return injected;
    }

    private Process startCoordinator(Nodes nodes) throws Exception {
      return nodes.start("coordinator-" + ++coordinatorLogs, coordinatorArgs);
    }

    private Process addWorker(Nodes nodes) throws Exception {
      Process w = nodes.start("worker-" + ++workerLogs, "worker", "--join", "127.0.0.1:" + port, "--slots", "2",
          "--give-up-after", "30");
      workers.add(w);
      return w;
    }

    /** A worker still running, chosen at random; null when none is. */
    private Process liveWorker() {
      List<Process> live = workers.stream().filter(Process::isAlive).toList();
      return live.isEmpty() ? null : live.get(random.nextInt(live.size()));
    }

    private Process inject(Fault f, Nodes nodes, Process coordinator) throws Exception {
      System.out.println("  " + f + " at " + lines() + " journal lines");
      switch (f) {
        case KILL_WORKER, TERM_WORKER -> {
          Process w = liveWorker();
          if (w != null) {
            signal(w, f == Fault.KILL_WORKER ? "KILL" : "TERM");
            Nodes.awaitExit(w, FAULT_LIMIT);
          }
          addWorker(nodes);
        }
        case STOP_WORKER -> {
          Process w = liveWorker();
          if (w != null) {
            int left = count("worker left");
            signal(w, "STOP");
            // frozen until the coordinator has given it up (failure detector, then downing), or until
            // the others have finished the run meanwhile
            awaitLog(() -> count("worker left") > left || count("splits recorded; writing outputs") > 0);
            signal(w, "CONT");
          }
        }
        case KILL_COORDINATOR, TERM_COORDINATOR -> {
          signal(coordinator, f == Fault.KILL_COORDINATOR ? "KILL" : "TERM");
          int code = Nodes.awaitExit(coordinator, FAULT_LIMIT);
          assertTrue(code == 0 || code == 137 || code == 143, "coordinator exit " + code);
          if (code != 0) {
            return startCoordinator(nodes);
          }
        }
        case ADD_WORKER -> addWorker(nodes);
      }
      return coordinator;
    }

    private static void signal(Process p, String signal) throws Exception {
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
      assertEquals(0, Nodes.awaitExit(kill, Duration.ofSeconds(10)), "kill -" + signal);
    }

    private int lines() throws Exception {
      Path journal = dir.resolve("out/journal.jsonl");
      return Files.exists(journal) ? Files.readAllLines(journal).size() : 0;
    }

    /** Lines of the coordinator's log (over all its lives) that contain {@code text}. */
    private int count(String text) throws Exception {
      Path log = dir.resolve("out/soakbench.log");
      return Files.exists(log) ? Files.readString(log).split(text, -1).length - 1 : 0;
    }

    private interface Condition {
      boolean holds() throws Exception;
    }

    private static void awaitLog(Condition c) throws Exception {
      long deadline = System.nanoTime() + FAULT_LIMIT.toNanos();
      while (!c.holds()) {
        assertTrue(System.nanoTime() < deadline, "not within " + FAULT_LIMIT);
        Thread.sleep(100);
      }
    }

    /** Waits until the journal has {@code n} lines; false if the coordinator ended first. */
    private boolean awaitJournal(Path journal, int n, Process coordinator) throws Exception {
      long deadline = System.nanoTime() + ClusterFaultsIT.RUN_LIMIT.toNanos();
      while (lines() < n) {
        if (!coordinator.isAlive()) {
          return false;
        }
        assertTrue(System.nanoTime() < deadline, journal + " did not reach " + n + " lines");
        Thread.sleep(100);
      }
      return coordinator.isAlive();
    }
  }
}
