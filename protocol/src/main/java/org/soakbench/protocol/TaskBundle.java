package org.soakbench.protocol;

/** What a worker needs to run any split of a task: its data and resampling instance, by content hash. */
public record TaskBundle(String hash, TaskData data, ResamplingInstance instance) implements CborSerializable {}
