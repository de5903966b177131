package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sbatch script's logic with a fake {@code srun} and {@code scontrol} on PATH that start local
 * processes: a three-"node" allocation (all 127.0.0.1) runs the seed example to the end.
 */
class SlurmScriptIT {
  @TempDir Path dir;

  private void fake(Path bin, String name, String script) throws Exception {
    Path f = bin.resolve(name);
    Files.writeString(f, script);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void sbatchScriptStartsCoordinatorAndWorkersAndFinishes() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fake(bin, "scontrol", "#!/usr/bin/env bash\n# scontrol show hostnames LIST: one host per line\n"
        + "tr ',' '\\n' <<< \"$3\"\n");
    // srun: drop the options, start --ntasks=N copies of the command locally, wait for them
    fake(bin, "srun", """
        #!/usr/bin/env bash
        n=1
        while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do
          case "$1" in --ntasks=*) n="${1#--ntasks=}" ;; esac
          shift
        done
        echo "fake srun: $n x $*" >> "$FAKE_SRUN_LOG"
        for i in $(seq 1 "$n"); do "$@" & done
        wait
        """);
    Path root = SeedExampleTest.root().toAbsolutePath();
    // the seed tasks with a learner that naps 300 ms a split: long enough for both srun workers
    // (started at once, each a JVM) to join before the run ends, on a busy machine too
    for (String task : List.of("easy", "impossible")) {
      Files.copy(root.resolve("examples/seed/data/" + task + ".csv"), dir.resolve(task + ".csv"));
    }
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          name = slurm
          tasks = [
            { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person }
            { id = impossible, data = impossible.csv, target = y, features = [x], subset = person, stratum = person }
          ]
          learners = [ { id = featureless }, { id = nap, type = sleep, millis = 300 } ]
          resampling { type = soak, folds = 3 }
        }
        """);
    int port = Nodes.freePort();
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("deploy/slurm/soakbench.sbatch").toString(),
        dir.resolve("exp.conf").toString(), dir.resolve("out").toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sbatch.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("SLURM_JOB_NODELIST", "127.0.0.1,127.0.0.1,127.0.0.1");
    env.put("SLURM_JOB_ID", "42");
    env.put("SLURM_CPUS_PER_TASK", "1");
    env.put("SLURM_SUBMIT_DIR", root.toString());
    env.put("SOAKBENCH_PORT", String.valueOf(port));
    env.put("SOAKBENCH_JAVA_OPTS", "-Xmx1g " + Nodes.FAST_DOWNING);
    env.put("FAKE_SRUN_LOG", dir.resolve("srun.log").toString());
    // the script makes the cluster's TLS keys here on first use and gives them to every node
    env.put("SOAKBENCH_TLS", dir.resolve("tls").toString());
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "sbatch script did not finish");
    String log = Files.readString(dir.resolve("sbatch.log"));
    assertEquals(0, p.exitValue(), log);
    List<String> sruns = Files.readAllLines(dir.resolve("srun.log"));
    assertTrue(sruns.stream().anyMatch(l -> l.startsWith("fake srun: 1 x ") && l.contains(" coordinator ")), sruns.toString());
    assertTrue(sruns.stream().anyMatch(l -> l.startsWith("fake srun: 2 x ")
        && l.contains("bin/soakbench-supervise worker --join 127.0.0.1:" + port)),
        sruns.toString());
    assertTrue(sruns.stream().allMatch(l -> l.contains("--tls " + dir.resolve("tls"))), "every node uses the keys: " + sruns);
    assertTrue(Files.isRegularFile(dir.resolve("tls/keystore.p12")));
    assertEquals(73, Files.readAllLines(dir.resolve("out/scores.csv")).size());
    assertEquals(2, Files.readString(dir.resolve("out/soakbench.log")).split("worker joined", -1).length - 1,
        "both srun workers joined");
  }
}
