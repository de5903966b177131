package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run resumed from a journal cut short by a crash computes only what is missing and ends with the same table. */
class ResumeTest {
  @TempDir Path dir;

  @Test
  void journalWithATruncatedLastLineResumes() throws Exception {
    Path out = dir.resolve("out");
    String exp = SeedExampleTest.example().toString();
    assertEquals(0, Cli.run("run", exp, "--workers", "2", "--out", out.toString()).exitCode());
    List<String> expected = SeedExampleTest.deterministicPart(out.resolve("scores.csv"));
    // a crash after 50 recorded splits, in the middle of writing the 51st
    List<String> lines = Files.readAllLines(out.resolve("journal.jsonl"));
    String torn = String.join("\n", lines.subList(0, 50)) + "\n" + lines.get(50).substring(0, 40);
    Files.writeString(out.resolve("journal.jsonl"), torn);
    Files.delete(out.resolve("scores.csv"));

    Cli.Result r = Cli.run("run", exp, "--workers", "2", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> journal = Files.readAllLines(out.resolve("journal.jsonl"));
    assertEquals(72, journal.size(), "the torn line is gone, the 22 missing splits appended");
    assertEquals(lines.subList(0, 50), journal.subList(0, 50), "the 50 recorded splits were kept, not recomputed");
    Set<String> ids = new HashSet<>();
    journal.forEach(l -> assertTrue(ids.add(l.substring(0, l.indexOf(',')))));
    assertEquals(expected, SeedExampleTest.deterministicPart(out.resolve("scores.csv")));
  }

  @Test
  void aJournalOfAnotherExperimentIsRefusedUnlessFresh() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, Cli.run("run", SeedExampleTest.example().toString(), "--workers", "2", "--out", out.toString())
        .exitCode());
    String journal = Files.readString(out.resolve("journal.jsonl"));
    String other = Files.readString(SeedExampleTest.example()).replace("r-seed = 1", "r-seed = 2");
    Path otherExp = SeedExampleTest.example().resolveSibling("other-seed.conf");
    Path copy = dir.resolve("exp/experiment.conf");
    Files.createDirectories(copy.getParent().resolve("data"));
    Files.copy(otherExp.resolveSibling("data/easy.csv"), copy.getParent().resolve("data/easy.csv"));
    Files.copy(otherExp.resolveSibling("data/impossible.csv"), copy.getParent().resolve("data/impossible.csv"));
    Files.writeString(copy, other);
    Cli.Result refused = Cli.run("run", copy.toString(), "--out", out.toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("holds results of another experiment or other data"), refused.err());
    assertEquals(journal, Files.readString(out.resolve("journal.jsonl")), "nothing lost");
    Cli.Result fresh = Cli.run("run", copy.toString(), "--out", out.toString(), "--fresh");
    assertEquals(0, fresh.exitCode(), fresh.err());
    try (var files = Files.list(out)) {
      assertEquals(1, files.filter(f -> f.getFileName().toString().matches("journal-.*\\.jsonl")).count(),
          "the old journal is kept");
    }
  }
}
