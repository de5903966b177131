package org.soakbench.deploy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps Pekko's remoting and stream warnings off the console once the node is shutting down. At the
 * end of every run the nodes leave one after another, and each one still shutting down saw its
 * connections to those already gone abort ("Upstream failed ... The connection has been aborted",
 * four to six lines per worker): expected, not for the user. The log file keeps them; before
 * shutdown the same warnings still reach the console.
 */
public final class ShutdownNoiseFilter extends Filter<ILoggingEvent> {
  private static volatile boolean shuttingDown;

  /** A node of this JVM has begun its coordinated shutdown. */
  static void shutdownBegan() {
    shuttingDown = true;
  }

  /** A new node starts in this JVM (a worker that lost its coordinator starts a fresh one). */
  static void nodeStarted() {
    shuttingDown = false;
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (shuttingDown && event.getLevel() == Level.WARN && isTransport(event.getLoggerName())) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean isTransport(String logger) {
    return logger.startsWith("org.apache.pekko.remote.") || logger.startsWith("org.apache.pekko.stream.");
  }
}
