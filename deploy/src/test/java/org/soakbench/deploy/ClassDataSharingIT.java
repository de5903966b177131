package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's class-data-sharing archive fits the jar it was made with, and holds the classes a run loads. */
class ClassDataSharingIT {
  @TempDir Path dir;

  @Test
  void theArchiveMatchesTheJarAndServesTheRunsClasses() throws Exception {
    Path jar = Path.of(System.getProperty("soakbench.jar"));
    Path archive = jar.resolveSibling("soakbench.jsa");
    assertTrue(Files.isRegularFile(archive), "the build made no " + archive);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // on: a stale or unusable archive is an error here, where the launcher would quietly start without it
        "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load=info", "-jar", jar.toString(),
        "plan", SeedExampleTest.example().toString()));
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
        .start();
    assertEquals(0, Nodes.awaitExit(p, Duration.ofMinutes(1)), () -> read(out));
    String log = read(out);
    // (picocli's classes are Java 5 class files, which CDS does not archive)
    for (String cls : List.of("org.soakbench.deploy.Main", "org.soakbench.coordinator.plan.SoakPlanner",
        "com.typesafe.config.ConfigFactory")) {
      assertTrue(log.lines().anyMatch(l -> l.contains(" " + cls + " ") && l.contains("shared objects file (top)")),
          cls + " not loaded from the archive:\n" + log.lines().filter(l -> l.contains(cls)).toList());
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
