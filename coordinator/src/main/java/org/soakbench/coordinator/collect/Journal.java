package org.soakbench.coordinator.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.soakbench.coordinator.output.AtomicFile;
import org.soakbench.coordinator.output.SplitRecord;
import org.soakbench.protocol.BadInputException;

/**
 * Append-only {@code journal.jsonl}: one JSON line per recorded split. Lines are {@link #append}ed
 * and then made durable together by {@link #sync} (one fsync for many lines), so a split counted
 * as done survives a crash or a power cut.
 */
public final class Journal implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FileChannel out;
  private long synced;

  public Journal(Path file) throws IOException {
    boolean created = !Files.exists(file);
    this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (created) {
      AtomicFile.syncDirectory(file.toAbsolutePath().getParent());
    }
    this.synced = out.size();
  }

  /** Writes one line, not yet durable; on failure everything since the last sync is cut off again. */
  public void append(SplitRecord record) throws IOException {
    ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (line.hasRemaining()) {
        out.write(line);
      }
    } catch (IOException e) {
      throw rollBack(e);
    }
  }

  /** Forces every appended line to the disk; on failure they are cut off again (as far as the disk allows). */
  public void sync() throws IOException {
    try {
      // data only: the file's length is metadata that fdatasync also makes durable, its mtime is not needed
      out.force(false);
      synced = out.size();
    } catch (IOException e) {
      throw rollBack(e);
    }
  }

  private IOException rollBack(IOException e) {
    try {
      out.truncate(synced);
    } catch (IOException ignored) {
      // a torn last line is still recognised and cut off when the run resumes
    }
    return e;
  }

  /**
   * Reads a journal. A last line cut short by a crash is ignored; any other unreadable line is
   * bad input, reported with its line number.
   */
  public static List<SplitRecord> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": journal not found");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<SplitRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(JSON.readValue(line, SplitRecord.class));
      } catch (JsonProcessingException e) {
        if (i == lines.size() - 1) {
          break; // torn by a crash mid-write: that split was never acknowledged
        }
        throw new BadInputException(file + ":" + (i + 1) + ": not a journal record: " + e.getOriginalMessage());
      }
    }
    return records;
  }

  /**
   * Reads a journal to resume it. A last line torn by a crash is cut off (the file is rewritten
   * through a temporary file and an atomic rename), so new records start on a line of their own.
   */
  public static List<SplitRecord> readAndRepair(Path file) throws IOException {
    List<SplitRecord> records = read(file);
    StringBuilder clean = new StringBuilder();
    for (SplitRecord r : records) {
      clean.append(JSON.writeValueAsString(r)).append('\n');
    }
    String now = Files.readString(file, StandardCharsets.UTF_8);
    if (!now.contentEquals(clean)) {
      AtomicFile.writeString(file, clean);
    }
    return records;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
