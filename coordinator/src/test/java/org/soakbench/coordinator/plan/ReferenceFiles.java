package org.soakbench.coordinator.plan;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the R reference outputs committed under {@code reference/}. */
public final class ReferenceFiles {
  private ReferenceFiles() {}

  public static Path root() {
    String root = System.getProperty("soakbench.root");
    Path base = root == null ? Path.of("..") : Path.of(root);
    return base.resolve("reference");
  }

  public static List<Map<String, String>> csv(String relative) throws IOException {
    return csvAt(root().resolve(relative));
  }

  public static List<Map<String, String>> csvAt(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        rows.add(new LinkedHashMap<>(r.toMap()));
      }
      return rows;
    }
  }

  public static int[] ints(String spaceSeparated) {
    if (spaceSeparated.isBlank()) {
      return new int[0];
    }
    return Arrays.stream(spaceSeparated.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  /** A permutation source that replays R's logged {@code sample()} calls and checks their sizes. */
  public static PermutationSource replay(String sampleCalls) throws IOException {
    List<Map<String, String>> calls = csv(sampleCalls);
    return new PermutationSource() {
      private int next;

      @Override
      public int[] permutation(int n) {
        if (next >= calls.size()) {
          throw new AssertionError("planner drew more permutations than R (" + calls.size() + ")");
        }
        Map<String, String> call = calls.get(next++);
        int[] value = ints(call.get("value"));
        if (Integer.parseInt(call.get("n")) != n) {
          throw new AssertionError("call " + next + ": R drew sample(" + call.get("n") + "), planner asked " + n);
        }
        return value;
      }
    };
  }
}
