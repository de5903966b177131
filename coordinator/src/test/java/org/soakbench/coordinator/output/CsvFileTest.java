package org.soakbench.coordinator.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {
  @TempDir Path dir;

  private static String[] row(int i) {
    // quoting, commas, line breaks and non-ASCII text across chunk boundaries
    return new String[] {String.valueOf(i), i % 7 == 0 ? "a \"q\", b" : "plain", i % 11 == 0 ? "two\nlines" : "é" + i};
  }

  @Test
  void chunkedOnEveryCoreIsByteForByteTheSequentialTable() throws IOException {
    int n = 2 * CsvFile.CHUNK_ROWS + 17;
    List<String> header = List.of("i", "text", "more");
    CsvFile.write(dir.resolve("one.csv"), out -> {
      out.printRecord(header);
      for (int i = 0; i < n; i++) {
        out.printRecord((Object[]) row(i));
      }
    });
    CsvFile.writeParallel(dir.resolve("many.csv"), header, n, (out, from, to) -> {
      for (int i = from; i < to; i++) {
        out.printRecord((Object[]) row(i));
      }
    });
    assertArrayEquals(Files.readAllBytes(dir.resolve("one.csv")), Files.readAllBytes(dir.resolve("many.csv")));
    CsvFile.writeParallel(dir.resolve("empty.csv"), header, 0, (out, from, to) -> { });
    assertEquals("i,text,more\n", Files.readString(dir.resolve("empty.csv")));
  }

  @Test
  void aChunkThatFailsLeavesTheOldFile() throws IOException {
    Files.writeString(dir.resolve("t.csv"), "old\n");
    assertThrows(IllegalStateException.class, () -> CsvFile.writeParallel(dir.resolve("t.csv"), List.of("i"),
        3 * CsvFile.CHUNK_ROWS, (out, from, to) -> {
          if (from > 0) {
            throw new IllegalStateException("chunk " + from);
          }
          out.printRecord("x");
        }));
    assertEquals("old\n", Files.readString(dir.resolve("t.csv")));
    assertFalse(Files.exists(dir.resolve("t.csv.tmp")));
  }
}
