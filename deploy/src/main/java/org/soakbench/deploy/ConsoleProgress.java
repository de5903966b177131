package org.soakbench.deploy;

import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.soakbench.coordinator.run.Progress;

/** A console progress bar (counts, rate, ETA) for {@code run} and {@code coordinator}; silent off a terminal. */
final class ConsoleProgress implements Consumer<Progress>, AutoCloseable {
  private ProgressBar bar;
  private final boolean enabled;

  ConsoleProgress(boolean quiet) {
    // logs and CI output stay clean: a bar only for a person at a terminal
    this.enabled = !quiet && System.console() != null;
  }

  /** Whether a bar is shown at all; when not, nobody needs to ask the coordinator for progress. */
  boolean shows() {
    return enabled;
  }

  @Override
  public void accept(Progress p) {
    if (!enabled) {
      return;
    }
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName(p.experiment()).setInitialMax(p.total()).showSpeed()
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
    bar.stepTo(p.done());
    bar.setExtraMessage(String.format(" %d running, %d failed, %d retried, %d workers", p.running(), p.failed(),
        p.retried(), p.workers().size()));
  }

  /** Ends the bar; safe to call twice. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
