package org.soakbench.worker.learn.external;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;

/**
 * Each task's data as a CSV file on the worker's disk, written once per JVM from the cached task
 * and read once by each interpreter process: features in the experiment's order (categorical ones
 * as their level names, numbers as shortest exact decimals), then the target. Deleted when unused
 * for a while ({@link #deleteUnused}; written again if a task comes back) or with the JVM.
 */
public final class TaskFiles {
  /** A task's file, named by a number of this JVM, and when a split last asked for it. */
  private static final class Entry {
    final Path file;
    long usedAt = System.nanoTime();

    Entry(Path file) {
      this.file = file;
    }
  }

  /** By task object (a worker holds one per task). */
  private static final Map<TaskData, Entry> FILES = new java.util.IdentityHashMap<>();
  private static long written;
  private static Path dir;

  private TaskFiles() {}

  /** The task's file; its name (without .csv) is the task's key in the interpreters' protocol. */
  public static synchronized Path of(TaskData data) {
    Entry e = FILES.get(data);
    if (e == null) {
      e = new Entry(write("task" + written++, data));
      FILES.put(data, e);
    }
    e.usedAt = System.nanoTime();
    return e.file;
  }

  /** Deletes the files no split has asked for in {@code idleNanos}, and forgets their tasks. */
  public static synchronized void deleteUnused(long idleNanos, long now) {
    var it = FILES.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (now - e.usedAt >= idleNanos) {
        try {
          Files.deleteIfExists(e.file);
        } catch (IOException ex) {
          // the temporary folder is the system's to clean then
        }
        it.remove();
      }
    }
  }

  /** The task's key in the protocol. */
  public static String key(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".csv".length());
  }

  private static Path write(String key, TaskData data) {
    try {
      Path file = directory().resolve(key + ".csv");
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        StringBuilder line = new StringBuilder();
        for (FeatureColumn f : data.features()) {
          line.append(quote(f.name())).append(',');
        }
        w.write(line.append(quote(data.targetName())).append('\n').toString());
        for (int r = 0; r < data.rows(); r++) {
          line.setLength(0);
          for (FeatureColumn f : data.features()) {
            double v = f.values()[r];
            line.append(f.categorical() ? quote(f.levels().get((int) v)) : Double.toString(v)).append(',');
          }
          double y = data.target()[r];
          line.append(data.kind() == TaskKind.CLASSIFICATION ? quote(data.classLevels().get((int) y))
              : Double.toString(y)).append('\n');
          w.write(line.toString());
        }
      }
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the data file of task " + data.taskId(), e);
    }
  }

  private static Path directory() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("soakbench-tasks");
      dir.toFile().deleteOnExit();
    }
    return dir;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
