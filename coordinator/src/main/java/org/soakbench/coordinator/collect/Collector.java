package org.soakbench.coordinator.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.soakbench.coordinator.output.ScoreRow;
import org.soakbench.coordinator.output.ScoresWriter;
import org.soakbench.coordinator.plan.PlannedExperiment;

/** Journals every recorded split as it arrives and writes the score table at the end of the run. */
public final class Collector extends AbstractBehavior<Collector.Command> {

  /** Messages of the collector (local to the coordinator node). */
  public sealed interface Command {}

  /** A split is final: journal it. */
  public record Record(ScoreRow row) implements Command {}

  /** Every split is recorded: write the outputs and reply. */
  public record Finish(ActorRef<Written> replyTo) implements Command {}

  /** Outputs written; {@code failed} counts error rows, {@code problem} is set when writing failed. */
  public record Written(int rows, int failed, String problem) {}

  private final PlannedExperiment plan;
  private final Path outDir;
  private final Journal journal;
  private final List<ScoreRow> rows = new ArrayList<>();

  public static Behavior<Command> create(PlannedExperiment plan, Path outDir) {
    return Behaviors.setup(ctx -> new Collector(ctx, plan, outDir));
  }

  private Collector(ActorContext<Command> ctx, PlannedExperiment plan, Path outDir) {
    super(ctx);
    this.plan = plan;
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
      journal.append(r.row());
    } catch (IOException e) {
      getContext().getLog().error("journal write failed for {}: {}", r.row().job().jobId(), e.getMessage());
    }
    rows.add(r.row());
    return this;
  }

  private Behavior<Command> onFinish(Finish f) {
    int failed = (int) rows.stream().filter(r -> r.result().failed()).count();
    try {
      ScoresWriter.write(outDir.resolve("scores.csv"), rows, plan.measureColumns(), order(plan.experiment().tasks().stream()
          .map(t -> t.id()).toList()), order(plan.experiment().learners().stream().map(l -> l.id()).toList()));
      f.replyTo().tell(new Written(rows.size(), failed, null));
    } catch (IOException e) {
      f.replyTo().tell(new Written(rows.size(), failed, "cannot write scores.csv: " + e.getMessage()));
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

  private static Map<String, Integer> order(List<String> ids) {
    Map<String, Integer> m = new HashMap<>();
    for (String id : ids) {
      m.put(id, m.size());
    }
    return m;
  }
}
