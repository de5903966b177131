package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of bad input: exit code 2, one line on stderr naming the file/line/key and what was
 * expected, no stack trace, and an existing output folder left exactly as it was.
 */
class BadInputTest {
  @TempDir Path dir;

  static final String GOOD_DATA = "x,person,grp,fold,y\n" + rows();

  static String rows() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      sb.append(i).append(',').append(i < 6 ? "A" : "B").append(",g").append(i / 2).append(',').append((i / 2) % 3 + 1)
          .append(',').append(i * 0.5).append('\n');
    }
    return sb.toString();
  }

  static String exp(String task, String rest) {
    return "experiment {\n  tasks = [ { id = t, data = \"data.csv\"" + task + " } ]\n  learners = [ { id = featureless } ]\n"
        + rest + "}\n";
  }

  static Stream<Arguments> cases() {
    String std = ", target = y, features = [x], subset = person";
    return Stream.of(
        Arguments.of("unknown key", exp(std, "  colour = blue\n"), GOOD_DATA, "exp.conf:4: experiment.colour: unknown key"),
        Arguments.of("missing data file", exp(std, "").replace("data.csv", "nope.csv"), GOOD_DATA,
            "nope.csv: data file of task 't' not found"),
        Arguments.of("missing column", exp(", target = y, features = [z]", ""), GOOD_DATA, "column 'z' not found"),
        Arguments.of("column in two roles", exp(", target = y, features = [x], subset = x", ""), GOOD_DATA,
            "column 'x' has two roles: subset and feature"),
        Arguments.of("non-numeric regression target", exp(", target = person, type = regression", ""), GOOD_DATA,
            "data.csv:2: target column 'person': expected a finite number, got 'A'"),
        Arguments.of("empty data", exp(std, ""), "x,person,y\n", "data.csv: no data rows after the header"),
        Arguments.of("fewer rows than folds", exp(", target = y", ""), "x,y\n1,2\n2,3\n", "2 data rows, fewer than folds = 3"),
        Arguments.of("subset too small for its folds", exp(std, ""), "x,person,y\n1,A,1\n2,A,2\n3,A,3\n4,B,4\n",
            "subset 'B' (column 'person') has 1 rows, fewer than folds = 3"),
        Arguments.of("NaN target", exp(std, ""), GOOD_DATA.replace("\n3,A,g1,2,1.5\n", "\n3,A,g1,2,NaN\n"),
            "data.csv:5: target column 'y': expected a finite number, got 'NaN'"),
        Arguments.of("empty target", exp(std, ""), GOOD_DATA.replace("\n3,A,g1,2,1.5\n", "\n3,A,g1,2,\n"),
            "data.csv:5: target column 'y': expected a finite number, got an empty value"),
        Arguments.of("fold not constant within group", exp(std + ", group = grp, fold = fold", ""),
            GOOD_DATA.replace("\n1,A,g0,1,0.5\n", "\n1,A,g0,2,0.5\n"), "data.csv:3: fold column 'fold' must be constant within each group"),
        Arguments.of("reserved subset name", exp(", target = y, features = [x], subset = fold", ""), GOOD_DATA,
            "subset column must not be named 'fold'"),
        Arguments.of("unknown learner parameter", exp(std, "").replace("{ id = featureless }", "{ id = t, type = tree, depth = 3 }"),
            GOOD_DATA, "unknown parameter 'depth' for learner type tree"),
        Arguments.of("HOCON syntax error", "experiment { tasks = [ \n", GOOD_DATA, "exp.conf: 2:"));
  }

  private Path prepareExistingOutput() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("scores.csv"), "earlier results\n");
    Files.writeString(out.resolve("journal.jsonl"), "{\"earlier\":true}\n");
    return out;
  }

  private void assertUnchanged(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(2, files.count(), "output folder gained or lost files");
    }
    assertEquals("earlier results\n", Files.readString(out.resolve("scores.csv")));
    assertEquals("{\"earlier\":true}\n", Files.readString(out.resolve("journal.jsonl")));
  }

  private static void assertOneLineError(Cli.Result r, String expected) {
    assertEquals(2, r.exitCode(), r.err());
    String err = r.err().strip();
    assertFalse(err.contains("\n"), "more than one line: " + err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), "stack trace: " + err);
    assertTrue(err.startsWith("soakbench: "), err);
    assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badExperimentOrData(String name, String experiment, String data, String expected) throws IOException {
    Files.writeString(dir.resolve("exp.conf"), experiment);
    Files.writeString(dir.resolve("data.csv"), data);
    Path out = prepareExistingOutput();
    assertOneLineError(Cli.run("run", dir.resolve("exp.conf").toString(), "--out", out.toString()), expected);
    assertUnchanged(out);
    assertOneLineError(Cli.run("plan", dir.resolve("exp.conf").toString()), expected);
  }
}
