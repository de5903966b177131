package org.soakbench.coordinator.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
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
      CSVPrinter out = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16),
          CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
      rows.printTo(out);
      out.flush();
    });
  }
}
