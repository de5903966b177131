package org.soakbench.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.soakbench.protocol.BadInputException;

/**
 * Prepares the output folder of a run without losing anything already there: the journal of an
 * earlier run is kept under a time-stamped name; tables are replaced only when the new ones are
 * complete.
 */
final class OutputFolder {
  private OutputFolder() {}

  static Path prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException(dir + ": output folder is a file");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BadInputException(dir + ": cannot create output folder (" + e.getMessage() + ")");
    }
    if (!Files.isWritable(dir)) {
      throw new BadInputException(dir + ": output folder is not writable");
    }
    Path journal = dir.resolve("journal.jsonl");
    if (Files.exists(journal)) {
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
      try {
        Files.move(journal, dir.resolve("journal-" + stamp + ".jsonl"));
      } catch (IOException e) {
        throw new BadInputException(journal + ": cannot keep the previous journal (" + e.getMessage() + ")");
      }
    }
    return dir;
  }
}
