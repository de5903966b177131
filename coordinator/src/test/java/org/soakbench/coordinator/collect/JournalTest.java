package org.soakbench.coordinator.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.record.SplitRecord;
import org.soakbench.protocol.BadInputException;

/** Journal lines round-trip exactly (NaN and NA included); a torn last line is skipped, a bad middle line is not. */
class JournalTest {
  @TempDir Path dir;

  private static SplitRecord record(int iteration, Double auc, Double ce) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("classif.auc", auc);
    m.put("classif.ce", ce);
    return new SplitRecord("t/l/" + iteration, "t", "h", 0, "regr.l", 1, iteration, "A", "other", 26, 2, 1, 13, m, 40,
        10, 0.1234567890123, 0.01, "127.0.0.1:25521", 2, 3, 1000L, 2000L, iteration == 2 ? "boom \"quoted\"\n" : null);
  }

  @Test
  void roundTripAndTornLastLine() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    try (Journal j = new Journal(file)) {
      j.append(record(1, Double.NaN, 0.1));
      j.append(record(2, null, null));
      j.sync();
    }
    Files.writeString(file, "{\"id\":\"t/l/3\",\"task_i", StandardOpenOption.APPEND);
    List<SplitRecord> back = Journal.read(file).sortedRecords();
    assertEquals(2, back.size());
    assertEquals(record(1, Double.NaN, 0.1), back.get(0));
    assertTrue(Double.isNaN(back.get(0).measures().get("classif.auc")));
    assertNull(back.get(1).measures().get("classif.ce"));
    assertEquals("boom \"quoted\"\n", back.get(1).error());
    assertEquals("l", back.get(0).algorithm());

    Files.writeString(file, "garbage\n" + Files.readString(file).substring(0, Files.readString(file).indexOf('\n') + 1));
    BadInputException e = assertThrows(BadInputException.class, () -> Journal.read(file));
    assertTrue(e.getMessage().contains("journal.jsonl:1: not a journal record"), e.getMessage());
  }

  @Test
  void linesAreWhatDataBindingWritesForTheRecord() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    List<SplitRecord> records = List.of(record(1, Double.NaN, 0.1), record(2, null, null), record(3, 1e-300, -0.0));
    try (Journal j = new Journal(file)) {
      for (SplitRecord r : records) {
        j.append(r);
      }
      j.sync();
    }
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    StringBuilder expected = new StringBuilder();
    for (SplitRecord r : records) {
      expected.append(json.writeValueAsString(r)).append('\n');
    }
    assertEquals(expected.toString(), Files.readString(file));
  }

  @Test
  void repairCutsATornTailAndEndsTheLastLine() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    try (Journal j = new Journal(file)) {
      j.append(record(1, 0.5, 0.1));
      j.append(record(2, 0.6, 0.2));
      j.sync();
    }
    String good = Files.readString(file);
    Files.writeString(file, "\n{\"id\":\"t/l/3\",\"task_i", StandardOpenOption.APPEND);
    assertEquals(2, Journal.readAndRepair(file).size());
    assertEquals(good, Files.readString(file), "the torn line (and the blank line before it) is cut off");

    // a last line that was written whole but lost its line end keeps its record, and gets the line end
    Files.writeString(file, good.substring(0, good.length() - 1));
    assertEquals(2, Journal.readAndRepair(file).size());
    assertEquals(good, Files.readString(file));
    try (Journal j = new Journal(file)) {
      j.append(record(3, 0.7, 0.3));
      j.sync();
    }
    assertEquals(List.of(1, 2, 3), Journal.read(file).sortedRecords().stream().map(SplitRecord::iteration).toList());

    // a bad line in the middle is bad input, named by its line number, and the file is left alone
    String before = good + "not json\n" + good;
    Files.writeString(file, before);
    BadInputException e = assertThrows(BadInputException.class, () -> Journal.readAndRepair(file));
    assertTrue(e.getMessage().contains("journal.jsonl:3: not a journal record"), e.getMessage());
    assertEquals(before, Files.readString(file));
  }
}
