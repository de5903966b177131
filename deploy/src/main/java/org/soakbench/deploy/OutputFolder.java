package org.soakbench.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.soakbench.coordinator.collect.Journal;
import org.soakbench.coordinator.output.AtomicFile;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.protocol.BadInputException;

/**
 * Prepares the output folder of a run without losing anything already there. A journal of the same
 * experiment (same fingerprint) is resumed: its splits are not computed again. A journal of another
 * experiment or other data is refused unless the run starts over ({@code --fresh} / {@code --force}),
 * which keeps the old journal under a time-stamped name.
 */
final class OutputFolder {
  static final String FINGERPRINT = "experiment.fingerprint";

  /** The prepared folder, the splits its journal already holds, and the folder's lock (held until closed). */
  record Prepared(Path dir, RecordStore resumed, FolderLock lock) implements AutoCloseable {
    @Override
    public void close() {
      lock.close();
    }
  }

  private OutputFolder() {}

  static Prepared prepare(Path dir, PlannedExperiment plan, boolean startOver) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException(dir + ": output folder is a file");
    }
    try {
      Files.createDirectories(dir);
    } catch (java.nio.file.FileSystemException e) {
      throw new BadInputException(dir + ": cannot create output folder (" + ErrorHandler.describe(e) + ")");
    } catch (IOException e) {
      throw new BadInputException(dir + ": cannot create output folder (" + e.getMessage() + ")");
    }
    requireWritable(dir);
    // before the journal is read (or repaired): a second run on the folder must not touch it
    FolderLock lock = FolderLock.take(dir);
    try {
      return new Prepared(dir, readJournal(dir, plan, startOver), lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static RecordStore readJournal(Path dir, PlannedExperiment plan, boolean startOver) {
    Path journal = dir.resolve("journal.jsonl");
    String fingerprint = plan.fingerprint();
    RecordStore resumed = new RecordStore();
    try {
      if (Files.exists(journal)) {
        Path stamp = dir.resolve(FINGERPRINT);
        String before = Files.exists(stamp) ? Files.readString(stamp, StandardCharsets.UTF_8).strip() : "";
        if (startOver) {
          keep(journal);
        } else if (!before.equals(fingerprint)) {
          throw new BadInputException(journal + ": holds results of another experiment or other data (fingerprint "
              + (before.isEmpty() ? "missing" : before) + ", now " + fingerprint
              + "); use another --out folder, or --fresh to start over (the old journal is kept)");
        } else {
          resumed = Journal.readAndRepair(journal);
        }
      }
      AtomicFile.writeString(dir.resolve(FINGERPRINT), fingerprint + "\n");
    } catch (IOException e) {
      throw new BadInputException(dir + ": cannot prepare the output folder (" + e.getMessage() + ")");
    }
    return resumed;
  }

  /** Refuses a folder this process cannot write into, before anything in it is touched. */
  static void requireWritable(Path dir) {
    if (!Files.isWritable(dir)) {
      throw new BadInputException(dir + ": output folder is not writable (permission denied)");
    }
  }

  private static void keep(Path journal) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    Files.move(journal, journal.resolveSibling("journal-" + stamp + ".jsonl"));
  }
}
