package org.soakbench.worker.learn;

/**
 * Predictions for test rows: the response (a value, or a class code) and, for classification,
 * the probability of every class of the task (null when the learner gives none).
 */
public record Prediction(double[] response, double[][] probabilities) {}
