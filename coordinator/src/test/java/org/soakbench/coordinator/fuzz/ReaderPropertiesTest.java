package org.soakbench.coordinator.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.soakbench.coordinator.config.ExperimentLoader;
import org.soakbench.coordinator.data.TaskLoader;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.TaskSpec;

/**
 * Property-based tests of the two readers of user input: whatever the bytes, they either accept
 * the input or throw {@link BadInputException} with a one-line message, never another exception.
 */
class ReaderPropertiesTest {

  @Provide
  Arbitrary<String> csvLike() {
    Arbitrary<String> cell = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789.-eE+").ofMaxLength(6),
        Arbitraries.of("", "NA", "NaN", "Inf", "Infinity", "1e400", "\"a,b\"", "\"", "A", "B", "größe", "\uFEFF"),
        Arbitraries.strings().ofMaxLength(4));
    Arbitrary<String> line = cell.list().ofMinSize(0).ofMaxSize(5).map(cells -> String.join(",", cells));
    return line.list().ofMaxSize(12).map(lines -> String.join("\n", lines));
  }

  @Property(tries = 300)
  void csvReaderAcceptsOrExplains(@ForAll("csvLike") String body) throws IOException {
    Path dir = Files.createTempDirectory("soakbench-fuzz");
    try {
      Path file = dir.resolve("data.csv");
      Files.writeString(file, "x,s,y\n" + body, StandardCharsets.UTF_8);
      TaskSpec spec = new TaskSpec("t", file.toString(), "y", null, "s", List.of("s"), null, null, null, null);
      try {
        TaskLoader.load(spec, 2);
      } catch (BadInputException e) {
        oneLine(e);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  @Provide
  Arbitrary<String> hoconLike() {
    Arbitrary<String> token = Arbitraries.of("experiment", "{", "}", "[", "]", "=", ":", ",", "\n", "tasks", "learners",
        "resampling", "folds", "3", "-1", "1.5", "id", "data", "target", "\"x.csv\"", "featureless", "tree", "max-depth",
        "measures", "rmse", "${missing}", "include", "\"", "#", "seed", "true", "timeout", "5s", "subsets", "SOA");
    return token.list().ofMaxSize(40).map(ts -> String.join(" ", ts));
  }

  @Property(tries = 300)
  void experimentReaderAcceptsOrExplains(@ForAll("hoconLike") String text) throws IOException {
    Path file = Files.createTempFile("soakbench-fuzz", ".conf");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      try {
        ExperimentLoader.load(file);
      } catch (BadInputException e) {
        oneLine(e);
      }
    } finally {
      Files.delete(file);
    }
  }

  private static void oneLine(BadInputException e) {
    if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
      throw new AssertionError("not a one-line message: " + e.getMessage());
    }
  }
}
