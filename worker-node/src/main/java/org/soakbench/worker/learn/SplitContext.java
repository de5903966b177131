package org.soakbench.worker.learn;

/** What a fit may know about its split: the seed of every random choice, and the iteration number. */
public record SplitContext(long seed, int iteration) {}
