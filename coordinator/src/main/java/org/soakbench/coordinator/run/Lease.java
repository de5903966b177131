package org.soakbench.coordinator.run;

import org.apache.pekko.actor.typed.ActorRef;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.WorkerMessage;

/** A job handed to a worker: which attempt, and who holds it. */
record Lease(SplitJob job, ActorRef<WorkerMessage> worker) {}
