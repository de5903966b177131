package org.soakbench.coordinator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.BadInputException;

/** A large file read in pieces gives the table, and the errors, of one reader over the whole file. */
class CsvColumnsTest {
  private static final Path FILE = Path.of("data.csv");

  /** Above the size read in pieces: rows of three fields, CRLF on some lines, blank lines here and there. */
  private static String big(int badLine1, int badLine2) {
    StringBuilder s = new StringBuilder("id,x,label\r\n");
    int line = 2;
    for (int i = 0; s.length() < CsvColumns.PARALLEL_FROM_BYTES + 100_000; i++, line++) {
      if (line == badLine1 || line == badLine2) {
        s.append(i).append(",").append(i * 0.5).append('\n');
      } else if (i % 1000 == 999) {
        s.append('\n');
      } else {
        s.append(i).append(",").append(i * 0.5).append(",l").append(i % 7).append(i % 3 == 0 ? "\r\n" : "\n");
      }
    }
    return s.toString();
  }

  private static CsvColumns.Table read(String text, int pieces) {
    return CsvColumns.read(FILE, text.getBytes(StandardCharsets.UTF_8), pieces);
  }

  @Test
  void piecesGiveTheWholeFilesTable() {
    String text = big(-1, -1);
    CsvColumns.Table one = read(text, 1);
    CsvColumns.Table four = read(text, 4);
    assertEquals(List.of("id", "x", "label"), four.header());
    assertEquals(one.rows(), four.rows());
    assertTrue(four.rows() > 200_000, "rows: " + four.rows());
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(Arrays.copyOf(one.columns()[c], one.rows()), Arrays.copyOf(four.columns()[c], four.rows()));
    }
    assertEquals("0", four.columns()[0][0]);
    int last = Integer.parseInt(four.columns()[0][four.rows() - 1]);
    assertEquals("l" + last % 7, four.columns()[2][four.rows() - 1], "a row of the last piece, whole");
  }

  @Test
  void anErrorDeepInTheFileNamesItsLineWhateverThePieces() {
    String text = big(150_000, 250_000);
    for (int pieces : new int[] {1, 2, 4, 7}) {
      BadInputException e = assertThrows(BadInputException.class, () -> read(text, pieces));
      assertEquals("data.csv:150000: expected 3 fields as in the header, found 2", e.getMessage(), "pieces " + pieces);
    }
  }

  @Test
  void aFileWithQuotesIsReadWhole() {
    String text = "id,note\n1,\"two\nlines\"\n" + big(-1, -1).substring("id,x,label\r\n".length()).replace(",l", "");
    CsvColumns.Table t = read(text, 4);
    assertEquals("two\nlines", t.columns()[1][0]);
    assertEquals(t.rows(), read(text, 1).rows());
  }
}
