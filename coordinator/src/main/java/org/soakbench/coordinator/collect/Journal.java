package org.soakbench.coordinator.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.InputStream;
import org.soakbench.coordinator.output.AtomicFile;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.record.SplitRecord;
import org.soakbench.protocol.BadInputException;

/**
 * Append-only {@code journal.jsonl}: one JSON line per recorded split. Lines are {@link #append}ed
 * and then made durable together by {@link #sync} (one fsync for many lines), so a split counted
 * as done survives a crash or a power cut.
 */
public final class Journal implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Schubfach instead of Double.toString: the same shortest-round-trip digits at a fraction of the cost
  private static final JsonFactory LINES = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();
  private final FileChannel out;
  /** Lines appended since the last sync: written with one system call when they are synced. */
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 16);
  private final JsonGenerator lines;
  private long synced;

  public Journal(Path file) throws IOException {
    boolean created = !Files.exists(file);
    this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (created) {
      AtomicFile.syncDirectory(file.toAbsolutePath().getParent());
    }
    this.synced = out.size();
    this.lines = LINES.createGenerator(pending);
    lines.setRootValueSeparator(null);
  }

  /** Adds one line, not yet written nor durable: {@link #sync} does both for every line appended. */
  public void append(SplitRecord record) throws IOException {
    JournalLine.write(lines, record);
    lines.writeRaw('\n');
  }

  /**
   * Writes every appended line and forces them to the disk; on failure they are cut off again (as
   * far as the disk allows) and forgotten.
   */
  public void sync() throws IOException {
    try {
      lines.flush();
      ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
      pending.reset();
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
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
  public static RecordStore read(Path file) throws IOException {
    RecordStore store = new RecordStore();
    scan(file, store::add);
    return store;
  }

  /**
   * Reads a journal to resume it. A last line torn by a crash is cut off (the file truncated after the
   * last good line) and a missing last line end added, so new records start on a line of their own.
   */
  public static RecordStore readAndRepair(Path file) throws IOException {
    RecordStore store = new RecordStore();
    Scanned s = scan(file, store::add);
    if (s.goodEnd() < s.length() || s.goodEnd() > 0 && !s.goodEndsWithNewline()) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(s.goodEnd());
        if (s.goodEnd() > 0 && !s.goodEndsWithNewline()) {
          ch.write(ByteBuffer.wrap(new byte[] {'\n'}), s.goodEnd());
        }
        ch.force(true);
      }
    }
    return store;
  }

  /** Where a journal's last good line ends (byte offset), whether a line end follows it, and the file's length. */
  private record Scanned(long goodEnd, boolean goodEndsWithNewline, long length) {}

  /** Streams the records of a journal to {@code sink}, one line at a time (memory does not grow with the file). */
  private static Scanned scan(Path file, java.util.function.Consumer<SplitRecord> sink) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": journal not found");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      byte[] line = new byte[4096];
      int n = 0;
      long offset = 0;
      long goodEnd = 0;
      boolean goodNewline = false;
      int lineNumber = 0;
      BadInputException pending = null; // a bad line is a torn one only if nothing but blank lines follows it
      for (int read = in.read(chunk); ; read = in.read(chunk)) {
        boolean eof = read < 0;
        for (int k = 0; k < Math.max(read, 0); k++) {
          byte b = chunk[k];
          offset++;
          if (b != '\n') {
            if (n == line.length) {
              line = java.util.Arrays.copyOf(line, 2 * n);
            }
            line[n++] = b;
            continue;
          }
          lineNumber++;
          pending = accept(file, line, n, lineNumber, pending, sink);
          if (pending == null && !blank(line, n)) {
            goodEnd = offset;
            goodNewline = true;
          }
          n = 0;
        }
        if (eof) {
          if (n > 0) {
            lineNumber++;
            pending = accept(file, line, n, lineNumber, pending, sink);
            if (pending == null && !blank(line, n)) {
              goodEnd = offset;
              goodNewline = false;
            }
          }
          return new Scanned(goodEnd, goodNewline, offset);
        }
      }
    }
  }

  /** Parses one line; returns the problem of a bad line, which becomes an error only if a good line follows. */
  private static BadInputException accept(Path file, byte[] line, int n, int lineNumber, BadInputException pending,
      java.util.function.Consumer<SplitRecord> sink) throws IOException {
    if (blank(line, n)) {
      return pending;
    }
    if (pending != null) {
      throw pending;
    }
    try {
      sink.accept(JSON.readValue(line, 0, n, SplitRecord.class));
      return null;
    } catch (JsonProcessingException e) {
      return new BadInputException(file + ":" + lineNumber + ": not a journal record: " + e.getOriginalMessage());
    }
  }

  private static boolean blank(byte[] line, int n) {
    for (int i = 0; i < n; i++) {
      if (!Character.isWhitespace(line[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
