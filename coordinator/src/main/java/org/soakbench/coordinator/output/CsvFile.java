package org.soakbench.coordinator.output;

import java.io.IOException;
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

  public static void write(Path file, Rows rows) throws IOException {
    AtomicFile.write(file, stream -> {
      CSVPrinter out = new CSVPrinter(new TextChunks(stream), CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
      rows.printTo(out);
      out.flush();
    });
  }
}
