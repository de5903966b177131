package org.soakbench.coordinator.collect;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The dashboard's live figures as SVG documents: a figure is drawn again only when splits were
 * recorded since it was last drawn and at least {@code intervalNanos} later, so a dashboard left open
 * on a large run costs one drawing per interval, not one per request. A drawing is a future: the
 * collector lays a figure out from its records and leaves the drawing to another thread.
 */
final class LiveFigures {
  /** The figures the dashboard shows. */
  enum Kind { PVALUES, TIMELINE }

  private record Drawn(int records, long atNanos, CompletableFuture<String> svg) {}

  private final Map<Kind, Drawn> drawn = new EnumMap<>(Kind.class);
  private final long intervalNanos;

  LiveFigures(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** The figure for {@code records} recorded splits at {@code nowNanos}, started by {@code draw} if due. */
  CompletableFuture<String> get(Kind kind, int records, long nowNanos, Supplier<CompletableFuture<String>> draw) {
    Drawn last = drawn.get(kind);
    if (last != null && (last.records() == records || nowNanos - last.atNanos() < intervalNanos)) {
      return last.svg();
    }
    Drawn fresh = new Drawn(records, nowNanos, draw.get());
    drawn.put(kind, fresh);
    return fresh.svg();
  }
}
