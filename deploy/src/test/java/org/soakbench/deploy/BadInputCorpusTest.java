package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus in {@code src/test/resources/bad-inputs/}: one folder per malformed experiment or
 * data file ({@code exp.conf}) or command line ({@code args.txt}, one argument per line; {@code EXP}
 * stands for a valid experiment, {@code OUT} for the earlier run's folder), with the message
 * fragment it must produce in {@code expected.txt}. Each case: exit 2, one line on stderr naming the
 * file/line/key or flag, no stack trace, and an earlier run's output folder left exactly as it was.
 */
class BadInputCorpusTest {
  @TempDir Path out;

  static Path corpus() {
    return SeedExampleTest.root().resolve("deploy/src/test/resources/bad-inputs");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(corpus())) {
      return dirs.map(d -> d.getFileName().toString()).filter(n -> !n.startsWith("_")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedWithOneLocatedLine(String name) throws IOException {
    Path dir = corpus().resolve(name);
    String expected = Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8).strip();
    Files.writeString(out.resolve("scores.csv"), "earlier results\n");
    Files.writeString(out.resolve("journal.jsonl"), "{\"earlier\":true}\n");
    if (Files.exists(dir.resolve("args.txt"))) {
      String[] args = Files.readAllLines(dir.resolve("args.txt"), StandardCharsets.UTF_8).stream()
          .map(a -> a.equals("EXP") ? corpus().resolve("_shared/exp.conf").toString() : a.equals("OUT") ? out.toString() : a)
          .toArray(String[]::new);
      assertOneLocatedLine(name, Cli.run(args), expected, expected);
    } else {
      Path exp = dir.resolve("exp.conf");
      assertOneLocatedLine(name, Cli.run("run", exp.toString(), "--out", out.toString()), expected, "exp.conf|.csv|experiment");
      assertOneLocatedLine(name, Cli.run("plan", exp.toString()), expected, "exp.conf|.csv|experiment");
    }
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(2, files.count(), "output folder gained or lost files");
    }
    assertEquals("earlier results\n", Files.readString(out.resolve("scores.csv")));
    assertEquals("{\"earlier\":true}\n", Files.readString(out.resolve("journal.jsonl")));
  }

  /** {@code where}: alternatives separated by '|', one of which the line must name. */
  private static void assertOneLocatedLine(String name, Cli.Result r, String expected, String where) {
    assertEquals(2, r.exitCode(), name + ": " + r.err());
    String err = r.err().strip();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    assertTrue(err.contains(expected), name + ": expected '" + expected + "' in: " + err);
    assertTrue(java.util.Arrays.stream(where.split("\\|")).anyMatch(err::contains), "names the file, key or flag: " + err);
  }
}
