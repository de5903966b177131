package org.soakbench.worker.learn.rpart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dumps of {@code golden.txt} (R 4.2.2 + rpart 4.1.19, made by {@code golden.R}), by title. */
final class RGolden {
  /** One dump: each section's rows as tokens. */
  record Dump(String title, List<String[]> frame, List<String[]> probs, List<String[]> splits, List<String[]> csplit,
      List<String[]> cptable, List<String[]> predictions) {}

  private RGolden() {}

  static Map<String, Dump> read() throws IOException {
    Map<String, Dump> out = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        RGolden.class.getResourceAsStream("/rpart/golden.txt"), StandardCharsets.UTF_8))) {
      String title = null;
      Map<String, List<String[]>> sections = null;
      List<String[]> current = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("### ")) {
          if (title != null) {
            out.put(title, dump(title, sections));
          }
          title = line.substring(4).trim();
          sections = new LinkedHashMap<>();
          current = null;
        } else if (title != null && !line.isBlank() && !line.startsWith(" ")) {
          String name = line.startsWith("frame") ? "frame" : line.startsWith("class probs") ? "probs"
              : line.startsWith("splits") ? "splits" : line.startsWith("csplit") ? "csplit"
              : line.startsWith("cptable") ? "cptable" : line.startsWith("predictions") ? "predictions" : line;
          current = new ArrayList<>();
          sections.put(name, current);
        } else if (current != null && !line.isBlank()) {
          String t = line.trim();
          if (t.startsWith("row ")) {
            t = t.substring(t.indexOf(':') + 1).trim();
          }
          current.add(t.split("\\s+"));
        }
      }
      if (title != null) {
        out.put(title, dump(title, sections));
      }
    }
    return out;
  }

  private static Dump dump(String title, Map<String, List<String[]>> s) {
    return new Dump(title, s.getOrDefault("frame", List.of()), s.getOrDefault("probs", List.of()),
        s.getOrDefault("splits", List.of()), s.getOrDefault("csplit", List.of()), s.getOrDefault("cptable", List.of()),
        s.getOrDefault("predictions", List.of()));
  }
}
