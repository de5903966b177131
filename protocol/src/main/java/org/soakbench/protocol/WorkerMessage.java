package org.soakbench.protocol;

/** Anything the worker actor accepts: the remote {@link ToWorker} replies and its own internal messages. */
public interface WorkerMessage {}
