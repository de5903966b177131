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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch files of {@code deploy/slurm} under a real SLURM: a throw-away cluster of three nodes on
 * this machine ({@code src/test/slurm/local-cluster.sh}: munged, slurmctld, three slurmd, all on
 * 127.0.0.1) runs {@code sbatch soakbench.sbatch}; a job array of {@code soakbench-workers.sbatch}
 * joins mid-run; {@code scancel --signal=TERM} of the job's worker step hands its splits back; the array's
 * workers, whose job has a one-minute limit, hand theirs back and leave before it (the scripts pass
 * the time left as {@code --walltime}); a last worker job finishes the run; every split is recorded
 * once and the table equals an embedded run's. Skipped, saying why, where SLURM cannot be started
 * (not root, or Debian's slurm-wlm and munge missing: {@code .ci/run} installs them).
 */
class SlurmIT {
  static final Duration STEP_LIMIT = Duration.ofMinutes(2);
  static final int SPLITS = 276;

  @TempDir static Path cluster;
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir;
  private static String slurmConf;

  @BeforeAll
  static void startCluster() throws Exception {
    Path script = SeedExampleTest.root().resolve("deploy/src/test/slurm/local-cluster.sh").toAbsolutePath();
    // four CPUs a node: the job's worker, an array task and the last worker's three slots fit beside each other
    Process p = new ProcessBuilder("bash", script.toString(), "start", cluster.toString(), "3", "4")
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "local-cluster.sh start did not finish");
    String out = new String(p.getInputStream().readAllBytes()).trim();
    Assumptions.assumeTrue(p.exitValue() != 3, "no SLURM cluster for this test: " + out);
    assertEquals(0, p.exitValue(), out);
    slurmConf = out.lines().reduce((a, b) -> b).orElseThrow();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (slurmConf != null) {
      slurm("scancel", "--user=root");
      await("no job left", Duration.ofSeconds(30), () -> slurm("squeue", "-h").isBlank());
    }
    Path script = SeedExampleTest.root().resolve("deploy/src/test/slurm/local-cluster.sh").toAbsolutePath();
    new ProcessBuilder("bash", script.toString(), "stop", cluster.toString()).inheritIO().start().waitFor(60,
        TimeUnit.SECONDS);
  }

  /** Runs a SLURM client command against the test cluster; its output, or an assertion error. */
  static String slurm(String... cmd) throws Exception {
    return slurmIn(null, Map.of(), cmd);
  }

  static String slurmIn(Path workDir, Map<String, String> env, String... cmd) throws Exception {
    return slurmIn(workDir, env, true, cmd);
  }

  static String slurmIn(Path workDir, Map<String, String> env, boolean mustSucceed, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().put("SLURM_CONF", slurmConf);
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
    String out = new String(p.getInputStream().readAllBytes());
    if (mustSucceed) {
      assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }
    return out.trim();
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void await(String what, Duration limit, Check check) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + limit);
      }
      Thread.sleep(200);
    }
  }

  private int count(Path log, String text) throws Exception {
    return Files.exists(log) ? Files.readString(log).split(java.util.regex.Pattern.quote(text), -1).length - 1 : 0;
  }

  private static String jobState(String job) throws Exception {
    String line = slurm("scontrol", "show", "job", job, "-o");
    return line.replaceAll("(?s).*JobState=(\\S+).*", "$1") + " " + line.replaceAll("(?s).*ExitCode=(\\S+).*", "$1");
  }

  @Test
  void sbatchRunsTheExperimentWhileWorkersJoinAreCancelledAndLeaveBeforeTheirLimit() throws Exception {
    Path root = SeedExampleTest.root().toAbsolutePath();
    ClusterFaultsIT.writeExperiment(dir, 600);
    Path out = dir.resolve("out");
    Path log = out.resolve("soakbench.log");
    int port = Nodes.freePort();
    Map<String, String> env = Map.of(
        "SOAKBENCH_PORT", String.valueOf(port),
        "SOAKBENCH_HTTP_PORT", String.valueOf(Nodes.freePort()),
        "SOAKBENCH_TLS", dir.resolve("tls").toString(),
        // the array's one-minute jobs leave 40 s before their end, i.e. soon after they joined
        "SOAKBENCH_JAVA_OPTS", "-Xmx1g " + Nodes.FAST_DOWNING + " -Dsoakbench.worker.walltime-margin=40s");
    String main = slurmIn(root, env, "sbatch", "--parsable", "--nodes=3", "--cpus-per-task=1",
        "--output=" + dir.resolve("main-%j.out"), "deploy/slurm/soakbench.sbatch", dir.resolve("exp.conf").toString(),
        out.toString());
    await("the coordinator and the job's two srun workers", STEP_LIMIT, () -> count(log, "worker joined") >= 2);
    assertTrue(Files.isRegularFile(dir.resolve("tls/keystore.p12")), "the job made the cluster's TLS keys");

    String array = slurmIn(root, env, "sbatch", "--parsable", "--array=1-2", "--cpus-per-task=1", "--time=1",
        "--output=" + dir.resolve("array-%A_%a.out"), "deploy/slurm/soakbench-workers.sbatch", "127.0.0.1:" + port);
    await("two array workers joined mid-run", STEP_LIMIT, () -> count(log, "worker joined") >= 4);
    int journaledBefore = Files.readAllLines(out.resolve("journal.jsonl")).size();
    assertTrue(journaledBefore < SPLITS, "the array joined while the run went on: " + journaledBefore);

    // the main job's worker step cancelled with SIGTERM (a bare scancel of a step is SIGKILL): each of
    // its workers hands its splits back
    String step = slurm("squeue", "-h", "-s", "-j", main, "-o", "%i %j").lines()
        .filter(l -> l.endsWith(" soakbench-supervise")).map(l -> l.split(" ")[0]).findFirst().orElseThrow();
    // (scancel 22.05 signals the step, then may say "Invalid job id" once it has ended: not checked)
    slurmIn(null, Map.of(), false, "scancel", "--signal=TERM", step);
    await("the cancelled step's workers handed back", STEP_LIMIT, () -> count(log, "handed back and re-queued") >= 2);
    // the array's jobs have a one-minute limit: their workers leave 45 s before it, handing back
    await("the array's workers left before their limit", STEP_LIMIT,
        () -> count(log, "handed back and re-queued") >= 4);
    for (int task = 1; task <= 2; task++) {
      String id = array + "_" + task;
      await("array task " + id + " ended", STEP_LIMIT, () -> !jobState(id).startsWith("RUNNING")
          && !jobState(id).startsWith("COMPLETING"));
      String arrayLog = Files.readString(dir.resolve("array-" + array + "_" + task + ".out"));
      assertTrue(arrayLog.contains(": walltime"), "array task " + task + " left at its walltime: " + arrayLog);
      assertTrue(jobState(array + "_" + task).startsWith("COMPLETED 0:0"), jobState(array + "_" + task));
    }
    assertTrue(Files.readAllLines(out.resolve("journal.jsonl")).size() < SPLITS, "work was left for a last worker");

    // three slots (sleeping splits need no core each) finish the run sooner
    slurmIn(root, env, "sbatch", "--parsable", "--cpus-per-task=3", "--output=" + dir.resolve("last-%j.out"),
        "deploy/slurm/soakbench-workers.sbatch", "127.0.0.1:" + port);
    await("the main job ended", Duration.ofMinutes(4), () -> !jobState(main).startsWith("RUNNING")
        && !jobState(main).startsWith("PENDING") && !jobState(main).startsWith("COMPLETING"));
    assertEquals("COMPLETED 0:0", jobState(main), Files.readString(dir.resolve("main-" + main + ".out")));

    List<String> journal = Files.readAllLines(out.resolve("journal.jsonl"));
    assertEquals(SPLITS, journal.size());
    Set<String> ids = new HashSet<>();
    Set<String> workers = new HashSet<>();
    for (String line : journal) {
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      assertTrue(ids.add(node.get("id").asText()), "recorded twice: " + line);
      assertTrue(node.get("error").isNull(), line);
      workers.add(node.get("worker").asText());
    }
    assertTrue(workers.size() >= 4, "splits ran on the job's, the array's and the last worker: " + workers);
    assertEquals(ClusterFaultsIT.embeddedReference(dir.resolve("uninterrupted")),
        SeedExampleTest.deterministicPart(out.resolve("scores.csv")));
  }
}
