package org.soakbench.protocol;

/** Train and test row indexes of one split: 0-based, ascending. */
public record TrainTest(int[] train, int[] test) {}
