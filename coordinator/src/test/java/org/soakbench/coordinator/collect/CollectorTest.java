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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.record.SplitRecord;
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
    ActorRef<Collector.Command> collector = kit.spawn(Collector.create(dir, Duration.ofMillis(100), new RecordStore()));
    TestProbe<Collector.LiveStats> stats = kit.createTestProbe();
    collector.tell(new Collector.GetStats(stats.getRef()));
    assertNull(stats.receiveMessage().tables());

    TestProbe<Collector.Figure> figures = kit.createTestProbe();
    collector.tell(new Collector.GetFigure(Collector.Figure.Kind.PVALUES, figures.getRef()));
    assertEquals(new Collector.Figure(null, "no split recorded yet"), figures.receiveMessage());

    TestProbe<Collector.Journaled> acks = kit.createTestProbe();
    for (SplitRecord r : records.subList(0, 40)) {
      List<Collector.Record> one = List.of(new Collector.Record(r.iteration(), r));
      collector.tell(new Collector.Append(one, acks.getRef()));
      Collector.Journaled ack = acks.receiveMessage();
      assertEquals(new Collector.Journaled(one, null), ack);
      // acknowledged means written: the line is in the file when the ack arrives
      List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
      assertTrue(lines.get(lines.size() - 1).contains("\"" + r.id() + "\""), lines.get(lines.size() - 1));
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

    // batches of 8, one ack each, and every record of the batch named in it
    for (int from = 40; from < records.size(); from += 8) {
      collector.tell(new Collector.Append(records.subList(from, from + 8).stream()
          .map(r -> new Collector.Record(r.iteration(), r)).toList(), acks.getRef()));
    }
    List<Collector.Journaled> batchAcks = acks.receiveSeveralMessages(4);
    assertEquals(32, batchAcks.stream().mapToInt(a -> a.records().size()).sum());
    assertTrue(batchAcks.stream().allMatch(a -> a.problem() == null));
    collector.tell(new Collector.GetStats(stats.getRef()));
    Collector.LiveStats full = stats.receiveMessage();
    assertEquals(72, full.recorded());
    assertEquals(16, full.tables().result().pvals().size());
    // the dashboard's live figures: the p-value plot's panels and the worker timeline, as SVG
    collector.tell(new Collector.GetFigure(Collector.Figure.Kind.PVALUES, figures.getRef()));
    Collector.Figure pvalues = figures.receiveMessage(Duration.ofSeconds(30));
    assertNull(pvalues.why());
    assertTrue(pvalues.svg().contains("<svg") && pvalues.svg().contains("featureless  |  "), "p-value panels");
    collector.tell(new Collector.GetFigure(Collector.Figure.Kind.TIMELINE, figures.getRef()));
    Collector.Figure timeline = figures.receiveMessage(Duration.ofSeconds(30));
    assertTrue(timeline.svg().contains("<svg"), timeline.toString());
    assertTrue(timeline.svg().contains("Which worker ran which split when"), "the timeline's title");

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

  @Test
  void aJournalThatCannotBeWrittenIsReportedNotSwallowed() throws Exception {
    // /dev/full fails every write with "No space left on device", like a full disk
    Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
    Files.createSymbolicLink(dir.resolve("journal.jsonl"), Path.of("/dev/full"));
    SplitRecord r = ReportFilesTest.seedRecords().get(0);
    ActorRef<Collector.Command> collector = kit.spawn(Collector.create(dir, Duration.ofMillis(100), new RecordStore()));
    TestProbe<Collector.Journaled> acks = kit.createTestProbe();
    collector.tell(new Collector.Append(List.of(new Collector.Record(r.iteration(), r)), acks.getRef()));
    Collector.Journaled ack = acks.receiveMessage();
    assertEquals(r.iteration(), ack.records().get(0).job());
    assertTrue(ack.problem() != null && ack.problem().startsWith("cannot write the journal " + dir.resolve("journal.jsonl"))
        && ack.problem().contains("No space left on device"), ack.problem());
    // the split was not journaled, so it is not part of the results either
    TestProbe<Collector.LiveStats> stats = kit.createTestProbe();
    collector.tell(new Collector.GetStats(stats.getRef()));
    assertEquals(0, stats.receiveMessage().recorded());
  }
}
