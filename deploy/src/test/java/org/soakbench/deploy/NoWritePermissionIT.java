package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.protocol.Digests;

/**
 * Output folders the user may not write: exit 2, one line naming the folder, nothing changed. Root
 * may write anywhere, so as root the commands run as user nobody (setpriv), as anyone else directly.
 */
class NoWritePermissionIT {
  @TempDir Path dir;

  @Test
  void foldersWithoutWritePermissionAreRefusedAndLeftAsTheyWere() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path seed = SeedExampleTest.root().resolve("examples/seed");
    Files.copy(seed.resolve("experiment.conf"), dir.resolve("experiment.conf"));
    Files.createDirectories(dir.resolve("data"));
    try (Stream<Path> data = Files.list(seed.resolve("data"))) {
      for (Path f : data.toList()) {
        Files.copy(f, dir.resolve("data").resolve(f.getFileName()));
      }
    }
    Result first = run(false, "run", "experiment.conf", "--out", "done", "--quiet");
    assertEquals(0, first.code(), first.err());
    Files.createDirectories(dir.resolve("ro"));
    readOnly(dir.resolve("ro"));
    readOnly(dir.resolve("done"));
    Map<String, String> before = contents(dir.resolve("done"));

    Result create = run(true, "run", "experiment.conf", "--out", "ro/new");
    assertOneLine(create, "soakbench: ro/new: cannot create output folder (" + dir.toAbsolutePath().resolve("ro/new")
        + ": permission denied)");
    for (List<String> args : List.of(List.of("run", "experiment.conf", "--out", "done"),
        List.of("run", "experiment.conf", "--out", "done", "--fresh"), List.of("report", "done"))) {
      Result r = run(true, args.toArray(String[]::new));
      assertOneLine(r, "soakbench: done: output folder is not writable (permission denied)");
    }
    assertEquals(before, contents(dir.resolve("done")), "the earlier results changed");
    assertTrue(before.containsKey("journal.jsonl") && before.containsKey("scores.csv"), before.keySet().toString());
  }

  private static void assertOneLine(Result r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertEquals(expected, r.err().strip(), "stderr: " + r.err());
  }

  private static void readOnly(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
      }
    }
  }

  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.toList()) {
        out.put(p.getFileName().toString(), Digests.sha256Hex(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  private record Result(int code, String err) {}

  private Result run(boolean unprivileged, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (unprivileged && "root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
    }
    cmd.addAll(Nodes.java("-Xmx512m"));
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile("soakbench-err", ".txt");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile()).start();
      int code = Nodes.awaitExit(p, Duration.ofMinutes(2));
      return new Result(code, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
