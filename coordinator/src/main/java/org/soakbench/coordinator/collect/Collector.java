package org.soakbench.coordinator.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.soakbench.coordinator.output.Outputs;
import org.soakbench.coordinator.output.SplitRecord;

/** Journals every recorded split as it arrives and writes the score table and statistics at the end of the run. */
public final class Collector extends AbstractBehavior<Collector.Command> {

  /** Messages of the collector (local to the coordinator node). */
  public sealed interface Command {}

  /** A split is final: journal it. */
  public record Record(SplitRecord record) implements Command {}

  /** Every split is recorded: write the outputs and reply. */
  public record Finish(ActorRef<Written> replyTo) implements Command {}

  /** Outputs written; {@code failed} counts error rows, {@code problem} is set when writing failed. */
  public record Written(int rows, int failed, String problem) {}

  private final Path outDir;
  private final Journal journal;
  private final List<SplitRecord> records = new ArrayList<>();

  public static Behavior<Command> create(Path outDir) {
    return Behaviors.setup(ctx -> new Collector(ctx, outDir));
  }

  private Collector(ActorContext<Command> ctx, Path outDir) {
    super(ctx);
    this.outDir = outDir;
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
        .onMessage(Record.class, this::onRecord)
        .onMessage(Finish.class, this::onFinish)
        .onSignal(PostStop.class, s -> closeJournal())
        .build();
  }

  private Behavior<Command> onRecord(Record r) {
    try {
      journal.append(r.record());
    } catch (IOException e) {
      getContext().getLog().error("journal write failed for {}: {}", r.record().id(), e.getMessage());
    }
    records.add(r.record());
    return this;
  }

  private Behavior<Command> onFinish(Finish f) {
    int failed = (int) records.stream().filter(SplitRecord::failed).count();
    try {
      Outputs.Written w = Outputs.write(outDir, records, null);
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
