package org.soakbench.coordinator.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveFiguresTest {
  @Test
  void drawsAgainOnlyWhenNewSplitsCameAndTheIntervalPassed() {
    LiveFigures figures = new LiveFigures(5_000);
    AtomicInteger draws = new AtomicInteger();
    var kind = LiveFigures.Kind.PVALUES;
    java.util.function.Supplier<CompletableFuture<String>> draw =
        () -> CompletableFuture.completedFuture("svg" + draws.incrementAndGet());
    assertEquals("svg1", figures.get(kind, 10, 0, draw).join());
    assertEquals("svg1", figures.get(kind, 10, 60_000, draw).join(), "nothing new");
    assertEquals("svg1", figures.get(kind, 11, 1_000, draw).join(), "too soon");
    assertEquals("svg2", figures.get(kind, 11, 6_000, draw).join());
    assertEquals("svg3", figures.get(LiveFigures.Kind.TIMELINE, 11, 6_001, draw).join(),
        "each figure has its own drawing");
    assertEquals(3, draws.get());
  }
}
