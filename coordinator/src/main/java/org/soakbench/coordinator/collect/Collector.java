package org.soakbench.coordinator.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.soakbench.coordinator.output.Outputs;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.record.SplitRecord;
import org.soakbench.coordinator.schedule.CostAccount;
import org.soakbench.coordinator.stats.PValue;
import org.soakbench.coordinator.report.GanttPlot;
import org.soakbench.coordinator.report.PValuePlot;
import org.soakbench.coordinator.stats.PValueWriter;

/**
 * Journals every recorded split as it arrives, keeps the statistics up to date while the run goes
 * (written to disk every few seconds and available on request), and writes every output at the end.
 */
public final class Collector extends AbstractBehavior<Collector.Command> {

  /** Messages of the collector (local to the coordinator node). */
  public sealed interface Command {}

  /** The final record of split number {@code job}. */
  public record Record(int job, SplitRecord record) {}

  /** Journal these records (in this order), then tell {@code replyTo}. */
  public record Append(List<Record> records, ActorRef<Journaled> replyTo) implements Command {}

  /**
   * The records of one {@link Append} are on disk, or could not be written: {@code problem} says why,
   * and the run cannot go on safely.
   */
  public record Journaled(List<Record> records, String problem) {}

  /** Every split is recorded: write the outputs and reply. */
  public record Finish(ActorRef<Written> replyTo, List<CostAccount.Line> costs) implements Command {

    public Finish(ActorRef<Written> replyTo) {
      this(replyTo, List.of());
    }
  }

  /** Outputs written; {@code failed} counts error rows, {@code problem} is set when writing failed. */
  public record Written(int rows, int failed, String problem) {}

  /** Asks for the statistics of the splits recorded so far. */
  public record GetStats(ActorRef<LiveStats> replyTo) implements Command {}

  /** The statistics so far: null tables while nothing can be compared yet ({@code why} says why). */
  public record LiveStats(int recorded, PValue.Tables tables, String why) {}

  /** Asks for a live figure of the splits recorded so far (the dashboard's p-value plot or worker timeline). */
  public record GetFigure(Figure.Kind kind, ActorRef<Figure> replyTo) implements Command {}

  /** A live figure as an SVG document, or why there is none yet. */
  public record Figure(String svg, String why) {
    /** The figures there are. */
    public enum Kind { PVALUES, TIMELINE }
  }

  private record Refresh() implements Command {}

  /** Make the records written since the last sync durable, then acknowledge them. */
  private record Sync() implements Command {}

  /** How often the live statistics are recomputed and written while splits arrive. */
  public static final Duration LIVE_INTERVAL = Duration.ofSeconds(5);

  private final Path outDir;
  private final Journal journal;
  private final RecordStore records;
  private final LiveTables liveTables = new LiveTables();
  private final LiveFigures figures = new LiveFigures(LIVE_INTERVAL.toNanos());
  private LiveStats live = new LiveStats(0, null, "no split recorded yet");
  private int liveWritten;
  private String journalProblem;
  private final List<Append> unsynced = new ArrayList<>();

  public static Behavior<Command> create(Path outDir) {
    return create(outDir, LIVE_INTERVAL, new RecordStore());
  }

  /**
   * A collector that refreshes the live statistics every {@code interval}; {@code resumed} holds the
   * records a journal already holds (part of every output, not journaled again). The collector owns
   * the store from now on: nothing else may touch it.
   */
  public static Behavior<Command> create(Path outDir, Duration interval, RecordStore resumed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Refresh(), interval);
      return new Collector(ctx, outDir, resumed);
    }));
  }

  private Collector(ActorContext<Command> ctx, Path outDir, RecordStore resumed) {
    super(ctx);
    this.outDir = outDir;
    this.records = resumed;
    for (int g = 0; g < resumed.groups().size(); g++) {
      liveTables.changed(g);
    }
    try {
      Files.createDirectories(outDir);
      this.journal = new Journal(outDir.resolve("journal.jsonl"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + outDir, e);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessage(Sync.class, y -> onSync())
        .onMessage(Finish.class, this::onFinish)
        .onMessage(GetStats.class, g -> {
          g.replyTo().tell(refreshed());
          return this;
        })
        .onMessage(GetFigure.class, g -> {
          answerFigure(g);
          return this;
        })
        .onMessage(Refresh.class, r -> {
          if (liveWritten != records.size()) {
            writeLive(refreshed());
            liveWritten = records.size();
          }
          return this;
        })
        .onSignal(PostStop.class, s -> closeJournal())
        .build();
  }

  /**
   * Appends the records and leaves writing and fsync to a {@link Sync} queued behind the appends
   * already in the mailbox: under load one write and one fsync make many batches durable (group commit).
   */
  private Behavior<Command> onAppend(Append a) {
    if (journalProblem != null) {
      // after a failed write nothing more is appended: a later success would follow a torn line
      a.replyTo().tell(new Journaled(a.records(), journalProblem));
      return this;
    }
    try {
      for (Record r : a.records()) {
        journal.append(r.record());
      }
    } catch (IOException e) {
      return journalFailed(e, a);
    }
    unsynced.add(a);
    if (unsynced.size() == 1) {
      getContext().getSelf().tell(new Sync());
    }
    return this;
  }

  private Behavior<Command> onSync() {
    if (unsynced.isEmpty()) {
      return this;
    }
    try {
      journal.sync();
    } catch (IOException e) {
      return journalFailed(e);
    }
    for (Append a : unsynced) {
      for (Record r : a.records()) {
        liveTables.changed(records.groupOf(records.add(r.record())));
      }
      a.replyTo().tell(new Journaled(a.records(), null));
    }
    unsynced.clear();
    return this;
  }

  /** Nothing since the last sync is kept: every waiting record (and {@code also}) hears the problem. */
  private Behavior<Command> journalFailed(IOException e, Append... also) {
    // one line on the console; the stack trace only in the log file
    getContext().getLog().error("journal write failed: {}", e.toString());
    getContext().getLog().info("journal write failure", e);
    journalProblem = "cannot write the journal " + outDir.resolve("journal.jsonl") + " (" + e.getMessage()
        + "); the splits already in it are safe: fix this and run the same command to resume";
    List<Append> failed = new ArrayList<>(unsynced);
    failed.addAll(List.of(also));
    unsynced.clear();
    failed.forEach(a -> a.replyTo().tell(new Journaled(a.records(), journalProblem)));
    return this;
  }

  /** The statistics of the records so far: only the groups that received records are computed again. */
  private LiveStats refreshed() {
    if (live.recorded() != records.size()) {
      List<String> columns = records.measureColumns();
      try {
        if (columns.isEmpty()) {
          throw new IllegalArgumentException("no measure column");
        }
        live = new LiveStats(records.size(), liveTables.tables(records, columns.get(0)), null);
      } catch (IllegalArgumentException e) {
        live = new LiveStats(records.size(), null, e.getMessage());
      }
    }
    return live;
  }

  /**
   * Answers with a live figure: laid out here from the records (the collector owns them), drawn on
   * another thread of the collector's dispatcher, so journal lines never wait behind a drawing; at
   * most one drawing a figure per interval.
   */
  private void answerFigure(GetFigure g) {
    if (records.size() == 0) {
      g.replyTo().tell(new Figure(null, "no split recorded yet"));
      return;
    }
    Executor drawing = getContext().getExecutionContext();
    CompletableFuture<String> svg;
    try {
      if (g.kind() == Figure.Kind.TIMELINE) {
        svg = figures.get(LiveFigures.Kind.TIMELINE, records.size(), System.nanoTime(),
            () -> CompletableFuture.supplyAsync(GanttPlot.svgDrawing(records), drawing));
      } else {
        LiveStats stats = refreshed();
        if (stats.tables() == null) {
          g.replyTo().tell(new Figure(null, stats.why()));
          return;
        }
        svg = figures.get(LiveFigures.Kind.PVALUES, records.size(), System.nanoTime(),
            () -> CompletableFuture.supplyAsync(PValuePlot.svgDrawing(stats.tables()), drawing));
      }
    } catch (RuntimeException e) {
      svg = CompletableFuture.failedFuture(e);
    }
    var log = getContext().getLog();
    svg.whenComplete((document, failure) -> {
      if (failure == null) {
        g.replyTo().tell(new Figure(document, null));
      } else {
        log.warn("cannot draw the live {} figure: {}", g.kind(), failure.toString());
        g.replyTo().tell(new Figure(null, "cannot draw the figure: " + failure.getMessage()));
      }
    });
  }

  private void writeLive(LiveStats stats) {
    if (stats.tables() == null) {
      return;
    }
    try {
      PValueWriter.writePValue(stats.tables(), outDir.resolve("pvalue_stats.csv"), outDir.resolve("pvalue_pvals.csv"));
    } catch (IOException e) {
      getContext().getLog().warn("cannot write the live statistics: {}", e.getMessage());
    }
  }

  private Behavior<Command> onFinish(Finish f) {
    int failed = records.failed();
    try {
      Outputs.Written w = Outputs.write(outDir, records, null, f.costs());
      getContext().getLog().info("outputs written; seconds per output: {}", w.seconds());
      if (w.statsSkipped() != null) {
        getContext().getLog().info("no p-value tables: {}", w.statsSkipped());
      }
      f.replyTo().tell(new Written(records.size(), failed, null));
    } catch (Exception | LinkageError | java.awt.AWTError e) {
      // whatever goes wrong here, the coordinator must hear back, or the run would never end
      getContext().getLog().error("writing outputs failed", e);
      f.replyTo().tell(new Written(records.size(), failed, "cannot write outputs: " + e.getMessage()));
    }
    return this;
  }

  private Behavior<Command> closeJournal() {
    try {
      journal.close();
    } catch (IOException e) {
      getContext().getLog().warn("closing the journal failed: {}", e.getMessage());
    }
    return this;
  }
}
