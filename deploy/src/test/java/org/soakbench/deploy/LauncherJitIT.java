package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/soakbench} picks the JIT per command: C1 alone for what trains nothing (or few rows),
 * C2 for everything that trains and for the report of a large journal. Each case asks the JVM the
 * launcher would start for its final flags ({@code -version} ends it before the command runs).
 */
class LauncherJitIT {
  private static final Pattern LEVEL = Pattern.compile("TieredStopAtLevel\\s+=\\s+(\\d)");

  @TempDir Path dir;

  @Test
  void commandsThatTrainNothingRunWithC1AloneAndTheRestKeepC2() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    Files.writeString(small.resolve("journal.jsonl"), "{}\n");
    Path large = Files.createDirectories(dir.resolve("large"));
    try (RandomAccessFile f = new RandomAccessFile(large.resolve("journal.jsonl").toFile(), "rw")) {
      f.setLength(100_000_001L); // sparse: the launcher looks at the size only
    }
    Map<List<String>, Integer> expected = Map.ofEntries(
        Map.entry(List.of("plan", "x.conf"), 1),
        Map.entry(List.of("status"), 1),
        Map.entry(List.of("keys", "k"), 1),
        Map.entry(List.of("report", small.toString()), 1),
        Map.entry(List.of("report", large.toString()), 4),
        Map.entry(List.of("run", "x.conf"), 4),
        Map.entry(List.of("run", "x.conf", "--smoke"), 1),
        Map.entry(List.of("worker", "--join", "127.0.0.1:1"), 4),
        Map.entry(List.of("coordinator", "x.conf"), 1),
        Map.entry(List.of("coordinator", "x.conf", "--local-workers", "0"), 1),
        Map.entry(List.of("coordinator", "x.conf", "--local-workers=0"), 1),
        Map.entry(List.of("coordinator", "x.conf", "--local-workers", "2"), 4),
        Map.entry(List.of("coordinator", "--local-workers=3", "x.conf"), 4));
    for (var e : expected.entrySet()) {
      assertEquals(e.getValue(), level(e.getKey()), "bin/soakbench " + String.join(" ", e.getKey()));
    }
  }

  private int level(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(SeedExampleTest.root().resolve("bin/soakbench").toString()));
    cmd.addAll(args);
    Path out = dir.resolve("flags.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().put("SOAKBENCH_JAVA_OPTS", "-XX:+PrintFlagsFinal -version");
    assertEquals(0, Nodes.awaitExit(pb.start(), Duration.ofMinutes(1)), () -> read(out));
    Matcher m = LEVEL.matcher(read(out));
    if (!m.find()) {
      throw new AssertionError("no TieredStopAtLevel in the JVM's flags:\n" + read(out));
    }
    return Integer.parseInt(m.group(1));
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
