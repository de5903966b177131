package org.soakbench.coordinator.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a CSV output the way R's {@code fwrite} would read it back: RFC 4180, UTF-8, LF, all or nothing. */
public final class CsvFile {
  private CsvFile() {}

  /** Prints the rows of one file. */
  @FunctionalInterface
  public interface Rows {
    void printTo(CSVPrinter out) throws IOException;
  }

  /** Prints rows {@code from} (inclusive) to {@code to} (exclusive) of a table. */
  @FunctionalInterface
  public interface RowRange {
    void printTo(CSVPrinter out, int from, int to) throws IOException;
  }

  /** Rows formatted by one thread at a time: a million take a few seconds on each of the cores. */
  static final int CHUNK_ROWS = 20_000;

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  public static void write(Path file, Rows rows) throws IOException {
    AtomicFile.write(file, stream -> {
      CSVPrinter out = new CSVPrinter(new TextChunks(stream), FORMAT);
      rows.printTo(out);
      out.flush();
    });
  }

  /**
   * The header, then {@code rows} rows formatted in chunks on every core at once and written in
   * order; at most two chunks per core wait to be written, so memory does not grow with the table.
   */
  public static void writeParallel(Path file, List<String> header, int rows, RowRange printer) throws IOException {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, chunks)), r -> {
      Thread t = new Thread(r, "csv-" + file.getFileName());
      t.setDaemon(true);
      return t;
    });
    try {
      AtomicFile.write(file, stream -> {
        StringBuilder head = new StringBuilder();
        new CSVPrinter(head, FORMAT).printRecord(header);
        stream.write(head.toString().getBytes(StandardCharsets.UTF_8));
        ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
        int next = 0;
        while (next < chunks || !inFlight.isEmpty()) {
          while (next < chunks && inFlight.size() < 2 * threads) {
            int from = next * CHUNK_ROWS;
            int to = Math.min(rows, from + CHUNK_ROWS);
            inFlight.add(pool.submit(() -> {
              StringBuilder text = new StringBuilder((to - from) * 128);
              printer.printTo(new CSVPrinter(text, FORMAT), from, to);
              return text.toString().getBytes(StandardCharsets.UTF_8);
            }));
            next++;
          }
          stream.write(PoolResults.await(inFlight.poll()));
        }
      });
    } finally {
      pool.shutdownNow();
    }
  }
}
