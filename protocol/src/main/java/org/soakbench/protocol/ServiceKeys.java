package org.soakbench.protocol;

import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** Receptionist keys by which nodes find each other. */
public final class ServiceKeys {
  private ServiceKeys() {}

  /** The coordinator of the running experiment; workers subscribe to it. */
  public static final ServiceKey<CoordinatorMessage> COORDINATOR =
      ServiceKey.create(CoordinatorMessage.class, "soakbench-coordinator");
}
