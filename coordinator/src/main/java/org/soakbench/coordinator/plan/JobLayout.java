package org.soakbench.coordinator.plan;

import java.util.Arrays;

/**
 * Numbers every split of an experiment without storing one object per split: split number
 * {@code first[t] + l * iterations[t] + (i - 1)} is task {@code t}, learner {@code l}, iteration
 * {@code i}, in the order the score table lists them (task, then learner, then iteration). A
 * million splits cost two ints per task.
 */
public final class JobLayout {
  private final int[] first;
  private final int[] iterations;
  private final int learners;

  /** @param iterations per task, in task order */
  public JobLayout(int[] iterations, int learners) {
    if (learners < 1) {
      throw new IllegalArgumentException("a layout needs a learner");
    }
    this.iterations = iterations.clone();
    this.learners = learners;
    this.first = new int[iterations.length + 1];
    long next = 0;
    for (int t = 0; t < iterations.length; t++) {
      first[t] = (int) next;
      next += (long) iterations[t] * learners;
      if (next > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " splits");
      }
    }
    first[iterations.length] = (int) next;
  }

  public int total() {
    return first[iterations.length];
  }

  public int tasks() {
    return iterations.length;
  }

  public int learners() {
    return learners;
  }

  public int iterations(int task) {
    return iterations[task];
  }

  /** The task of split {@code job} (a binary search over the tasks' first numbers). */
  public int task(int job) {
    check(job);
    int t = Arrays.binarySearch(first, 0, iterations.length, job);
    if (t < 0) {
      t = -t - 2;
    }
    // tasks with no iterations share their first number with the next task: take the last of them
    while (t + 1 < iterations.length && first[t + 1] == job) {
      t++;
    }
    return t;
  }

  public int learner(int job) {
    int t = task(job);
    return (job - first[t]) / iterations[t];
  }

  /** 1-based, as in the resampling instance. */
  public int iteration(int job) {
    int t = task(job);
    return (job - first[t]) % iterations[t] + 1;
  }

  /** The number of (task, learner, 1-based iteration). */
  public int job(int task, int learner, int iteration) {
    if (task < 0 || task >= iterations.length || learner < 0 || learner >= learners || iteration < 1
        || iteration > iterations[task]) {
      throw new IndexOutOfBoundsException("no split (" + task + ", " + learner + ", " + iteration + ")");
    }
    return first[task] + learner * iterations[task] + iteration - 1;
  }

  private void check(int job) {
    if (job < 0 || job >= total()) {
      throw new IndexOutOfBoundsException("split " + job + " of " + total());
    }
  }
}
