package org.soakbench.coordinator.data;

import com.fasterxml.jackson.core.io.NumberInput;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.soakbench.protocol.BadInputException;

/**
 * A CSV file (header row, comma separated) read column by column. Numeric columns are parsed from
 * the parser's buffer straight into {@code double[]}, with no String per value (a third of the time
 * of a 200,000-row file went into Strings no one kept); text is kept only for the columns that need
 * it. Field counts and header names are checked here, so every error names its line.
 */
final class CsvColumns {
  /** What to keep of a column. */
  enum Keep {
    /** nothing (a column no role uses; its fields are still counted) */
    NONE,
    /** numbers, or the text when a value is not a number */
    NUMBER,
    /** the text */
    TEXT
  }

  private final List<String> header;
  private final double[][] numbers;
  private final String[][] text;
  /** Per numeric column, the text of its values that are not finite numbers (missing, NaN, Inf): for messages. */
  private final List<Map<Integer, String>> oddText;
  private final int rows;

  private CsvColumns(List<String> header, double[][] numbers, String[][] text, List<Map<Integer, String>> oddText,
      int rows) {
    this.header = header;
    this.numbers = numbers;
    this.text = text;
    this.oddText = oddText;
    this.rows = rows;
  }

  /**
   * Reads {@code bytes} (the content of {@code file}, named in errors), keeping of each column what
   * {@code keep} says given the header.
   */
  static CsvColumns read(Path file, byte[] bytes, Function<List<String>, Keep[]> keep) {
    long unclosed = unclosedQuoteLine(bytes);
    if (unclosed > 0) {
      // FastCSV would read a quote left open up to the end of the file as one field
      throw new BadInputException(file + ":" + unclosed + ": not a valid CSV file: a quoted field is not closed "
          + "before the end of the file");
    }
    Handler first = pass(file, bytes, keep, Set.of());
    if (first.late.isEmpty()) {
      return first.result();
    }
    // a column of numbers turned out to hold text after its first row: read the file once more, keeping
    // that column's text from the start (rare: a mixed column)
    return pass(file, bytes, keep, first.late).result();
  }

  private static Handler pass(Path file, byte[] bytes, Function<List<String>, Keep[]> keep, Set<Integer> asText) {
    Handler handler = new Handler(file, bytes.length, keep, asText);
    CsvReader<Boolean> reader = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
        .allowMissingFields(true).detectBomHeader(true)
        .build(handler, new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
    try (reader) {
      for (Boolean ignored : reader) {
        // the handler keeps the values
      }
    } catch (CsvParseException | UncheckedIOException | IOException e) {
      if (e.getCause() instanceof BadInputException bad) {
        throw bad;
      }
      Throwable cause = e.getCause() != null && !(e instanceof IOException) ? e.getCause() : e;
      throw new BadInputException(file + ": not a valid CSV file: " + (e.getMessage() + (cause != e
          ? " (" + cause.getMessage() + ")" : "")).replace('\n', ' '));
    }
    if (handler.header == null) {
      throw new BadInputException(file + ": empty file (expected a header row and data rows)");
    }
    return handler;
  }

  List<String> header() {
    return header;
  }

  int rows() {
    return rows;
  }

  /** The column's numbers (NaN where a value is missing or not finite), or null if it holds text. */
  double[] numbers(int column) {
    return numbers[column];
  }

  /** The column's text, or null where it was read as numbers only. */
  String[] text(int column) {
    return text[column];
  }

  /** A value's text as the file has it: kept for text columns and for the non-finite values of numeric ones. */
  String raw(int column, int row) {
    if (text[column] != null) {
      return text[column][row];
    }
    String odd = oddText.get(column) == null ? null : oddText.get(column).get(row);
    return odd != null ? odd : Double.toString(numbers[column][row]);
  }

  /** Missing in the file: an empty field or R's {@code NA}. */
  static boolean isMissing(String raw) {
    return raw.isEmpty() || raw.equals("NA");
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

  /** Receives the parser's fields and stores them by column. */
  private static final class Handler extends AbstractBaseCsvCallbackHandler<Boolean> {
    private final Path file;
    private final int fileBytes;
    private final Function<List<String>, Keep[]> keepOf;
    private final Set<Integer> asText;
    private final Set<Integer> late = new HashSet<>();
    private List<String> header;
    private List<String> headerFields;
    private Keep[] keep;
    private double[][] numbers;
    private String[][] text;
    private List<Map<Integer, String>> oddText;
    private int capacity;
    private int row;

    Handler(Path file, int fileBytes, Function<List<String>, Keep[]> keepOf, Set<Integer> asText) {
      this.file = file;
      this.fileBytes = fileBytes;
      this.keepOf = keepOf;
      this.asText = asText;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
      if (header == null) {
        headerFields = new ArrayList<>();
      } else if (row == capacity) {
        grow(capacity + (capacity >> 1) + 16);
      }
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      if (header == null) {
        headerFields.add(new String(buf, offset, len));
        return;
      }
      if (index >= keep.length) {
        return; // counted, and reported by buildRecord
      }
      switch (keep[index]) {
        case NONE -> { }
        case TEXT -> text[index][row] = new String(buf, offset, len);
        case NUMBER -> number(index, buf, offset, len);
      }
    }

    private void number(int column, char[] buf, int offset, int len) {
      if (numbers[column] == null) {
        text[column][row] = new String(buf, offset, len); // this column turned out to be text
        return;
      }
      // trimmed as String.trim() trims: " 1.5" is a number
      int from = offset;
      int to = offset + len;
      while (from < to && buf[from] <= ' ') {
        from++;
      }
      while (to > from && buf[to - 1] <= ' ') {
        to--;
      }
      double v;
      if (to == from || (to - from == 2 && buf[from] == 'N' && buf[from + 1] == 'A')) {
        v = Double.NaN;
      } else {
        try {
          // FastDoubleParser (in jackson-core): Double.parseDouble's syntax and its correctly rounded results
          v = NumberInput.parseDouble(buf, from, to - from, true);
        } catch (NumberFormatException e) {
          toText(column, new String(buf, offset, len));
          return;
        }
      }
      numbers[column][row] = v;
      if (!Double.isFinite(v)) {
        oddText.get(column).put(row, new String(buf, offset, len));
      }
    }

    /** A numeric column met text: from here on it is a text column. */
    private void toText(int column, String value) {
      numbers[column] = null;
      oddText.set(column, null);
      text[column] = new String[capacity];
      text[column][row] = value;
      if (row > 0) {
        late.add(column); // its earlier rows were read as numbers only: the caller reads the file again
      }
    }

    @Override
    protected Boolean buildRecord() {
      if (getRecordType() != RecordType.DATA) {
        return null;
      }
      if (header == null) {
        start();
        return Boolean.TRUE;
      }
      if (getFieldCount() != keep.length) {
        throw new BadInputException(file + ":" + getStartingLineNumber() + ": expected " + keep.length
            + " fields as in the header, found " + getFieldCount());
      }
      row++;
      return Boolean.TRUE;
    }

    /** The header's names (none empty, none twice) and so what to keep of each column. */
    private void start() {
      Set<String> seen = new HashSet<>();
      for (int c = 0; c < headerFields.size(); c++) {
        String name = headerFields.get(c);
        if (name.isBlank()) {
          throw new BadInputException(file + ":" + getStartingLineNumber() + ": column " + (c + 1)
              + " of the header has no name");
        }
        if (!seen.add(name)) {
          throw new BadInputException(file + ":" + getStartingLineNumber() + ": the header names column '" + name
              + "' twice");
        }
      }
      header = List.copyOf(headerFields);
      keep = keepOf.apply(header).clone();
      for (int c : asText) {
        keep[c] = Keep.TEXT;
      }
      numbers = new double[keep.length][];
      text = new String[keep.length][];
      oddText = new ArrayList<>();
      for (int c = 0; c < keep.length; c++) {
        oddText.add(keep[c] == Keep.NUMBER ? new HashMap<>() : null);
      }
      // a first guess from the file's size (about 8 bytes a field) saves most re-allocations
      capacity = 0;
      grow(Math.max(16, fileBytes / (8 * keep.length + 1)));
    }

    private void grow(int size) {
      for (int c = 0; c < keep.length; c++) {
        if (numbers[c] != null || (keep[c] == Keep.NUMBER && capacity == 0)) {
          numbers[c] = numbers[c] == null ? new double[size] : Arrays.copyOf(numbers[c], size);
        }
        if (text[c] != null || (keep[c] == Keep.TEXT && capacity == 0)) {
          text[c] = text[c] == null ? new String[size] : Arrays.copyOf(text[c], size);
        }
      }
      capacity = size;
    }

    CsvColumns result() {
      for (int c = 0; c < keep.length; c++) {
        if (numbers[c] != null) {
          numbers[c] = Arrays.copyOf(numbers[c], row);
        }
        if (text[c] != null) {
          text[c] = Arrays.copyOf(text[c], row);
        }
      }
      return new CsvColumns(header, numbers, text, oddText, row);
    }
  }
}
