package org.soakbench.coordinator.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.soakbench.protocol.BadInputException;

/**
 * The fields of a CSV file (header row, comma separated) as columns of text, with every error
 * naming the file and line. FastCSV reads it; a large file is cut at record ends into one piece per
 * core, and the pieces are read at once.
 */
final class CsvColumns {
  /** Below this size one reader is as fast as several. */
  static final int PARALLEL_FROM_BYTES = 4 << 20;

  /** The header's names, and the first {@code rows} values of each column (in header order) are the data. */
  record Table(List<String> header, String[][] columns, int rows) {}

  private final Path file;

  private CsvColumns(Path file) {
    this.file = file;
  }

  static Table read(Path file, byte[] bytes) {
    return read(file, bytes, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #read(Path, byte[])} with at most {@code pieces} readers at once (tests pick it). */
  static Table read(Path file, byte[] bytes, int pieces) {
    CsvColumns reader = new CsvColumns(file);
    if (pieces > 1 && bytes.length >= PARALLEL_FROM_BYTES) {
      Table t = reader.inPieces(bytes, pieces);
      if (t != null) {
        return t;
      }
    }
    long unclosed = unclosedQuoteLine(bytes);
    if (unclosed > 0) {
      // FastCSV would read a quote left open up to the end of the file as one field
      throw new BadInputException(file + ":" + unclosed + ": not a valid CSV file: a quoted field is not closed "
          + "before the end of the file");
    }
    return reader.whole(bytes);
  }

  /** One reader over the whole file. */
  private Table whole(byte[] bytes) {
    Piece p = new Piece(null, 1);
    readInto(p, bytes, 0, bytes.length, true);
    if (p.header == null) {
      throw new BadInputException(file + ": empty file (expected a header row and data rows)");
    }
    return new Table(p.header, p.columns, p.n);
  }

  /**
   * The header line read alone, then the body in {@code pieces} pieces read at once; null where one
   * reader over the whole file must do it: a file with a quote (a line end inside a quoted field ends
   * no record, and a stray quote in an unquoted field makes the quoted ones ambiguous: pieces could
   * then read otherwise than one reader, and the table would depend on the number of cores), or a
   * blank first line. Quotes and line ends are counted block by block on every core first.
   */
  private Table inPieces(byte[] bytes, int pieces) {
    int[] block = new int[pieces + 1];
    for (int i = 0; i <= pieces; i++) {
      block[i] = (int) ((long) bytes.length * i / pieces);
    }
    long[] quotes = new long[pieces];
    long[] lineEnds = new long[pieces];
    IntStream.range(0, pieces).parallel().forEach(i -> {
      long q = 0;
      long n = 0;
      for (int at = block[i]; at < block[i + 1]; at++) {
        byte b = bytes[at];
        if (b == '"') {
          q++;
        } else if (b == '\n') {
          n++;
        }
      }
      quotes[i] = q;
      lineEnds[i] = n;
    });
    if (Arrays.stream(quotes).sum() != 0) {
      return null;
    }
    Cut header = cut(bytes, 0, 1);
    if (header == null) {
      return null;
    }
    Piece head = new Piece(null, 1);
    readInto(head, bytes, 0, header.at, true);
    if (head.header == null) {
      return null;
    }
    List<String> names = head.header;
    int[] start = new int[pieces + 1];
    long[] firstLine = new long[pieces + 1];
    start[0] = header.at;
    firstLine[0] = header.line;
    long linesBefore = 1;
    for (int i = 1; i < pieces; i++) {
      linesBefore += lineEnds[i - 1];
      Cut c = block[i] <= start[i - 1] ? null : cut(bytes, block[i], linesBefore);
      start[i] = c == null ? start[i - 1] : c.at;
      firstLine[i] = c == null ? firstLine[i - 1] : c.line;
    }
    start[pieces] = bytes.length;
    Piece[] done = new Piece[pieces];
    RuntimeException[] failed = new RuntimeException[pieces];
    IntStream.range(0, pieces).parallel().forEach(i -> {
      Piece p = new Piece(names, firstLine[i]);
      try {
        readInto(p, bytes, start[i], start[i + 1] - start[i], false);
        done[i] = p;
      } catch (RuntimeException e) {
        failed[i] = e;
      }
    });
    for (RuntimeException e : failed) {
      if (e != null) {
        throw e; // the first in the file, as one reader would have met it
      }
    }
    int n = Arrays.stream(done).mapToInt(p -> p.n).sum();
    String[][] columns = new String[names.size()][n];
    int row = 0;
    for (Piece p : done) {
      for (int c = 0; c < columns.length; c++) {
        System.arraycopy(p.columns[c], 0, columns[c], row, p.n);
      }
      row += p.n;
    }
    return new Table(names, columns, n);
  }

  /** A place a piece may start: after a line end, and the file line it starts. */
  private record Cut(int at, long line) {}

  /** The place after the first line end at or after {@code from} (on file line {@code line}); null if the file ends first. */
  private static Cut cut(byte[] bytes, int from, long line) {
    for (int at = from; at < bytes.length; at++) {
      if (bytes[at] == '\n') {
        return new Cut(at + 1, line + 1);
      }
    }
    return null;
  }

  /** The rows one reader collected; its lines count from {@code firstLine} of the file. */
  private static final class Piece {
    List<String> header;
    final long firstLine;
    String[][] columns;
    int n;

    Piece(List<String> header, long firstLine) {
      this.header = header;
      this.firstLine = firstLine;
    }
  }

  /** Reads {@code length} bytes from {@code offset}; the first record is the header when {@code withHeader}. */
  private void readInto(Piece p, byte[] bytes, int offset, int length, boolean withHeader) {
    CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
        .allowMissingFields(true).detectBomHeader(withHeader)
        .ofCsvRecord(new ByteArrayInputStream(bytes, offset, length), StandardCharsets.UTF_8);
    try (reader) {
      for (CsvRecord r : reader) {
        long line = p.firstLine + r.getStartingLineNumber() - 1;
        if (p.header == null) {
          p.header = header(r, line);
          continue;
        }
        if (p.columns == null) {
          p.columns = new String[p.header.size()][Math.max(16, length / (8 * p.header.size() + 1))];
        }
        if (r.getFieldCount() != p.header.size()) {
          throw new BadInputException(file + ":" + line + ": expected " + p.header.size()
              + " fields as in the header, found " + r.getFieldCount());
        }
        if (p.n == p.columns[0].length) {
          for (int c = 0; c < p.columns.length; c++) {
            p.columns[c] = Arrays.copyOf(p.columns[c], p.n + (p.n >> 1) + 16);
          }
        }
        for (int c = 0; c < p.columns.length; c++) {
          p.columns[c][p.n] = r.getField(c);
        }
        p.n++;
      }
    } catch (CsvParseException | UncheckedIOException | IOException e) {
      Throwable cause = e.getCause() != null && !(e instanceof IOException) ? e.getCause() : e;
      throw new BadInputException(file + ": not a valid CSV file: " + (e.getMessage() + (cause != e
          ? " (" + cause.getMessage() + ")" : "")).replace('\n', ' '));
    }
    if (p.header != null && p.columns == null) {
      p.columns = new String[p.header.size()][0];
    }
  }

  /** The header row's names: none empty, none twice. */
  private List<String> header(CsvRecord r, long line) {
    List<String> names = r.getFields();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c);
      if (name.isBlank()) {
        throw new BadInputException(file + ":" + line + ": column " + (c + 1) + " of the header has no name");
      }
      if (!seen.add(name)) {
        throw new BadInputException(file + ":" + line + ": the header names column '" + name + "' twice");
      }
    }
    return List.copyOf(names);
  }

  /**
   * The line of a quote that is never closed, or 0: closed quotes (and doubled ones inside them) pair
   * up, so an odd count means the last quote that opened a run is left open.
   */
  private static long unclosedQuoteLine(byte[] bytes) {
    boolean open = false;
    long line = 1;
    long openedAt = 0;
    for (byte b : bytes) {
      if (b == '"') {
        open = !open;
        if (open) {
          openedAt = line;
        }
      } else if (b == '\n') {
        line++;
      }
    }
    return open ? openedAt : 0;
  }
}
