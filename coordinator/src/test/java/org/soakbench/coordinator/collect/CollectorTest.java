package org.soakbench.coordinator.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.output.SplitRecord;
import org.soakbench.coordinator.report.ReportFilesTest;

/** The collector journals as splits arrive, keeps live statistics, and writes everything at the end. */
class CollectorTest {
  @TempDir Path dir;
  ActorTestKit kit;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create();
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void journalsLiveStatisticsAndFinalOutputs() throws Exception {
    List<SplitRecord> records = ReportFilesTest.seedRecords();
    ActorRef<Collector.Command> collector = kit.spawn(Collector.create(dir, Duration.ofMillis(100), List.of()));
    TestProbe<Collector.LiveStats> stats = kit.createTestProbe();
    collector.tell(new Collector.GetStats(stats.getRef()));
    assertNull(stats.receiveMessage().tables());

    for (SplitRecord r : records.subList(0, 40)) {
      collector.tell(new Collector.Record(r));
    }
    collector.tell(new Collector.GetStats(stats.getRef()));
    Collector.LiveStats partial = stats.receiveMessage();
    assertEquals(40, partial.recorded());
    // the live tables reach the disk on the next refresh, while the run still goes
    stats.awaitAssert(Duration.ofSeconds(5), () -> {
      assertTrue(Files.exists(dir.resolve("pvalue_pvals.csv")));
      return null;
    });
    assertEquals(40, Files.readAllLines(dir.resolve("journal.jsonl")).size());

    for (SplitRecord r : records.subList(40, records.size())) {
      collector.tell(new Collector.Record(r));
    }
    collector.tell(new Collector.GetStats(stats.getRef()));
    Collector.LiveStats full = stats.receiveMessage();
    assertEquals(72, full.recorded());
    assertEquals(16, full.tables().result().pvals().size());

    TestProbe<Collector.Written> written = kit.createTestProbe();
    collector.tell(new Collector.Finish(written.getRef()));
    Collector.Written w = written.receiveMessage(Duration.ofSeconds(30));
    assertEquals(72, w.rows());
    assertEquals(1, w.failed());
    assertNull(w.problem());
    for (String f : List.of("scores.csv", "pvalue_stats.csv", "pvalue_pvals.csv", "pvalue.png", "pvalue.svg",
        "score.png", "score.svg", "report.html")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    assertEquals(72, Files.readAllLines(dir.resolve("journal.jsonl")).size());
  }
}
