package org.soakbench.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small experiment and data files for tests. */
public final class TempFiles {
  private TempFiles() {}

  public static Path write(Path dir, String name, String content) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 12-row regression data set: subsets A/B in column part, groups g1..g6 (two rows each), fixed folds 1..3 per group. */
  public static String smallData() {
    StringBuilder sb = new StringBuilder("x,c,part,grp,fold,y\n");
    for (int i = 0; i < 12; i++) {
      sb.append(i * 0.5).append(',').append(i % 2 == 0 ? "u" : "v").append(',').append(i < 6 ? "A" : "B").append(",g")
          .append(i / 2).append(',').append((i / 2) % 3 + 1).append(',').append(i * 1.5 + (i < 6 ? 0 : 3)).append('\n');
    }
    return sb.toString();
  }

  public static String experiment(String taskExtra, String rest) {
    return experiment(taskExtra, "{ id = featureless }", rest);
  }

  public static String experiment(String taskExtra, String learners, String rest) {
    return "experiment {\n  name = t\n  tasks = [ { id = small, data = \"data.csv\", target = y" + taskExtra + " } ]\n"
        + "  learners = [ " + learners + " ]\n" + rest + "}\n";
  }
}
