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
    return parse(file).records();
  }

  /**
   * Reads a journal to resume it. A last line torn by a crash (or one without its line end) is cut
   * off, the good lines kept as they were, through an atomic rewrite, so new records start on a
   * line of their own.
   */
  public static List<SplitRecord> readAndRepair(Path file) throws IOException {
    Parsed p = parse(file);
    if (p.torn() || !p.content().isEmpty() && !p.content().endsWith("\n")) {
      StringBuilder clean = new StringBuilder();
      p.goodLines().forEach(l -> clean.append(l).append('\n'));
      AtomicFile.writeString(file, clean);
    }
    return p.records();
  }

  /** A journal's text, its readable lines and their records, and whether a torn last line was dropped. */
  private record Parsed(String content, List<String> goodLines, List<SplitRecord> records, boolean torn) {}

  private static Parsed parse(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": journal not found");
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = content.lines().toList();
    List<String> good = new ArrayList<>();
    List<SplitRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(JSON.readValue(line, SplitRecord.class));
        good.add(line);
      } catch (JsonProcessingException e) {
        if (i == lines.size() - 1) {
          return new Parsed(content, good, records, true); // torn by a crash mid-write: never acknowledged
        }
        throw new BadInputException(file + ":" + (i + 1) + ": not a journal record: " + e.getOriginalMessage());
      }
    }
    return new Parsed(content, good, records, false);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
