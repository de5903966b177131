package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Remoting warnings leave the console only while the node shuts down, and only warnings of the transport. */
class ShutdownNoiseFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final ShutdownNoiseFilter filter = new ShutdownNoiseFilter();

  @AfterEach
  void reset() {
    ShutdownNoiseFilter.nodeStarted();
  }

  private FilterReply decide(String logger, Level level) {
    return filter.decide(new LoggingEvent(getClass().getName(), context.getLogger(logger), level,
        "[outbound connection to [pekko://soakbench@127.0.0.1:25520], message stream] Upstream failed", null, null));
  }

  @Test
  void transportWarningsAreDroppedOnlyOnceShutdownBegan() {
    ShutdownNoiseFilter.nodeStarted();
    assertEquals(FilterReply.NEUTRAL, decide("org.apache.pekko.stream.Materializer", Level.WARN));
    ShutdownNoiseFilter.shutdownBegan();
    assertEquals(FilterReply.DENY, decide("org.apache.pekko.stream.Materializer", Level.WARN));
    assertEquals(FilterReply.DENY, decide("org.apache.pekko.remote.artery.Association", Level.WARN));
    // errors, and warnings of anything else, still reach the console
    assertEquals(FilterReply.NEUTRAL, decide("org.apache.pekko.stream.Materializer", Level.ERROR));
    assertEquals(FilterReply.NEUTRAL, decide("org.soakbench.worker.Worker", Level.WARN));
    assertEquals(FilterReply.NEUTRAL, decide("org.apache.pekko.cluster.Cluster", Level.WARN));
    ShutdownNoiseFilter.nodeStarted(); // a worker's fresh node after losing its coordinator
    assertEquals(FilterReply.NEUTRAL, decide("org.apache.pekko.stream.Materializer", Level.WARN));
  }
}
