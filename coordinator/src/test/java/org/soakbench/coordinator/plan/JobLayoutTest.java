package org.soakbench.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Split numbers map to (task, learner, iteration) and back, in score-table order. */
class JobLayoutTest {
  @Test
  void everyNumberRoundTripsInTaskLearnerIterationOrder() {
    int[] iterations = {3, 1, 5, 2};
    JobLayout layout = new JobLayout(iterations, 3);
    assertEquals((3 + 1 + 5 + 2) * 3, layout.total());
    int expected = 0;
    for (int t = 0; t < iterations.length; t++) {
      for (int l = 0; l < 3; l++) {
        for (int it = 1; it <= iterations[t]; it++) {
          int job = layout.job(t, l, it);
          assertEquals(expected++, job, "numbers follow the score table's order");
          assertEquals(t, layout.task(job));
          assertEquals(l, layout.learner(job));
          assertEquals(it, layout.iteration(job));
        }
      }
    }
  }

  @Test
  void aMillionSplitsCostTwoIntsATask() {
    int[] iterations = new int[1000];
    java.util.Arrays.fill(iterations, 100);
    JobLayout layout = new JobLayout(iterations, 10);
    assertEquals(1_000_000, layout.total());
    assertEquals(999, layout.task(999_999));
    assertEquals(9, layout.learner(999_999));
    assertEquals(100, layout.iteration(999_999));
    assertEquals(500, layout.task(500_000));
  }

  @Test
  void outOfRangeIsRefused() {
    JobLayout layout = new JobLayout(new int[] {2}, 1);
    assertThrows(IndexOutOfBoundsException.class, () -> layout.task(2));
    assertThrows(IndexOutOfBoundsException.class, () -> layout.task(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> layout.job(0, 1, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> layout.job(0, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> new JobLayout(new int[] {Integer.MAX_VALUE}, 2));
  }
}
