package org.soakbench.coordinator.run;

import org.apache.pekko.actor.typed.ActorRef;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.WorkerMessage;

/** A job handed to a worker: which attempt, who holds it, and until when (System.nanoTime). */
record Lease(SplitJob job, ActorRef<WorkerMessage> worker, long deadlineNanos) {}
