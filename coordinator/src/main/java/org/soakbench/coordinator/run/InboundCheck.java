package org.soakbench.coordinator.run;

import java.util.List;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.ToCoordinator;

/**
 * What is wrong with a message from a worker before the coordinator acts on it (null fields, counts
 * out of range), so that a malformed or hostile message is dropped with a log line instead of
 * failing the coordinator. Split numbers are checked against the plan later, where the plan is known.
 */
final class InboundCheck {
  /** The most slots a worker may declare. */
  static final int MAX_SLOTS = 4096;

  private InboundCheck() {}

  /** Why {@code m} is refused, or null when it is well formed. */
  static String problem(ToCoordinator m) {
    if (m instanceof ToCoordinator.Register r) {
      if (r.worker() == null) {
        return "a registration without a worker reference";
      }
      if (r.node() == null || r.node().isBlank()) {
        return "a registration without a node name";
      }
      if (r.slots() < 1 || r.slots() > MAX_SLOTS) {
        return "a registration with " + r.slots() + " slots (expected 1.." + MAX_SLOTS + ")";
      }
      if (r.millisLeft() < 0 && r.millisLeft() != ToCoordinator.Register.NO_WALLTIME) {
        return "a registration with " + r.millisLeft() + " ms left (expected 0 or more, or -1 for no walltime)";
      }
    } else if (m instanceof ToCoordinator.Report r) {
      if (r.worker() == null || r.results() == null || r.started() == null || r.released() == null) {
        return "a report with a missing field";
      }
      if (r.wanted() < 0) {
        return "a report asking for " + r.wanted() + " jobs";
      }
      if (hasNull(r.started()) || hasNull(r.released()) || !results(r.results())) {
        return "a report with a missing result or attempt";
      }
    } else if (m instanceof ToCoordinator.FetchTask f) {
      if (f.worker() == null || f.chunk() < 0) {
        return "a task request without a worker reference or with a negative chunk";
      }
    } else if (m instanceof ToCoordinator.HandBack h) {
      if (h.worker() == null || h.jobs() == null || h.replyTo() == null || hasNull(h.jobs())) {
        return "a hand-back with a missing field";
      }
    }
    return null;
  }

  /** {@code List.contains(null)} throws on immutable lists, which Jackson and tests hand us. */
  private static boolean hasNull(List<?> items) {
    for (Object o : items) {
      if (o == null) {
        return true;
      }
    }
    return false;
  }

  private static boolean results(List<SplitResult> results) {
    for (SplitResult r : results) {
      if (r == null || r.measures() == null && r.error() == null) {
        return false;
      }
    }
    return true;
  }
}
