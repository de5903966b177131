package org.soakbench.coordinator.run;

import org.apache.pekko.actor.typed.ActorRef;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.WorkerMessage;

/**
 * A job handed to a worker: which attempt, who holds it, when it was handed out (epoch ms, for
 * the report) and until when it may run (System.nanoTime).
 */
record Lease(SplitJob job, ActorRef<WorkerMessage> worker, long assignedAtMillis, long deadlineNanos) {}
