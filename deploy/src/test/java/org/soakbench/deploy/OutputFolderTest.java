package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.protocol.BadInputException;

/** One run at a time per output folder: a second one is refused before it reads or repairs the journal. */
class OutputFolderTest {
  @TempDir Path dir;

  @Test
  void aSecondRunOnTheSameFolderIsRefusedUntilTheFirstEnds() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Cli.run("run", SeedExampleTest.example().toString(), "--workers", "2", "--out", out.toString())
        .exitCode());
    PlannedExperiment plan = ExperimentInput.plan(SeedExampleTest.example());
    // a torn last line that a resume would cut off: the refused run must leave it as it is
    Files.writeString(out.resolve("journal.jsonl"), "{\"id\":\"torn", java.nio.file.StandardOpenOption.APPEND);
    String journal = Files.readString(out.resolve("journal.jsonl"));
    try (OutputFolder.Prepared first = OutputFolder.prepare(out, plan, false)) {
      assertEquals(72, first.resumed().size());
      String before = Files.readString(out.resolve("journal.jsonl"));
      BadInputException e = assertThrows(BadInputException.class, () -> OutputFolder.prepare(out, plan, false));
      assertTrue(e.getMessage().startsWith(out + ": another soakbench run is using this output folder (process "
          + ProcessHandle.current().pid() + "@"), e.getMessage());
      assertEquals(before, Files.readString(out.resolve("journal.jsonl")));
      Cli.Result cli = Cli.run("run", SeedExampleTest.example().toString(), "--out", out.toString());
      assertEquals(2, cli.exitCode());
      assertTrue(cli.err().contains("another soakbench run is using this output folder"), cli.err());
      assertEquals(before, Files.readString(out.resolve("journal.jsonl")));
    }
    assertTrue(!journal.equals(Files.readString(out.resolve("journal.jsonl"))), "the first prepare repaired the tail");
    try (OutputFolder.Prepared again = OutputFolder.prepare(out, plan, false)) {
      assertEquals(72, again.resumed().size(), "the lock is free again once the first run ends");
    }
  }
}
