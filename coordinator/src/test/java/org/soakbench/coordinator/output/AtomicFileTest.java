package org.soakbench.coordinator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails half way leaves the old file as it was and no temporary file behind. */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void replacesTheWholeFileOrNothing() throws Exception {
    Path file = dir.resolve("scores.csv");
    AtomicFile.writeString(file, "old\n");
    IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
      out.write("half of the new con".getBytes());
      throw new IOException("No space left on device");
    }));
    assertEquals("No space left on device", failure.getMessage());
    assertEquals("old\n", Files.readString(file));
    assertEquals(List.of(file), Files.list(dir).toList());

    CsvFile.write(file, out -> out.printRecord("a", "b,c"));
    assertEquals("a,\"b,c\"\n", Files.readString(file));
    assertEquals(List.of(file), Files.list(dir).toList());
  }
}
