package org.soakbench.protocol;

/** Anything the coordinator actor accepts: the remote {@link ToCoordinator} requests and its own internal messages. */
public interface CoordinatorMessage {}
