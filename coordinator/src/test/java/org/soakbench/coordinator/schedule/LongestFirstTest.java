package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.soakbench.coordinator.book.JobBook;
import org.soakbench.coordinator.plan.JobLayout;

/** Queue order: each learner's largest train sets first, the learner expected to take longest first. */
class LongestFirstTest {
  /** Two tasks of 3 iterations; sizes per (task, iteration). */
  static final JobLayout LAYOUT = new JobLayout(new int[] {3, 3}, 2);
  static final SplitSizes SIZES = new SplitSizes(LAYOUT, new double[][] {{100, 300, 200}, {300, 50, 400}});

  @Test
  void eachLearnersLineRunsLargestFirstWithTiesInPlanOrder() {
    int[][] lines = LongestFirst.lines(SIZES);
    // learner 0: (t1,i3)=400, (t0,i2)=300, (t1,i1)=300, (t0,i3)=200, (t0,i1)=100, (t1,i2)=50
    int[] expected0 = {LAYOUT.job(1, 0, 3), LAYOUT.job(0, 0, 2), LAYOUT.job(1, 0, 1), LAYOUT.job(0, 0, 3),
        LAYOUT.job(0, 0, 1), LAYOUT.job(1, 0, 2)};
    assertArrayEquals(expected0, lines[0]);
    for (int k = 0; k < lines[1].length; k++) {
      assertEquals(LAYOUT.task(lines[0][k]), LAYOUT.task(lines[1][k]));
      assertEquals(LAYOUT.iteration(lines[0][k]), LAYOUT.iteration(lines[1][k]));
      assertEquals(1, LAYOUT.learner(lines[1][k]));
    }
  }

  @Test
  void everyLearnersLargestSplitGoesFirstThenTheLongestExpected() {
    CostModel costs = CostModel.learned(2);
    LongestFirst order = new LongestFirst(costs, SIZES);
    JobBook book = new JobBook(new int[LAYOUT.total()], 1, 3, LongestFirst.lines(SIZES));
    int w = book.addWorker(1);
    int[] out = new int[4];
    // nothing known: each learner's largest, then by size alone (learner 0's 300s before learner 1's, plan order)
    assertEquals(4, book.take(w, 4, out, order));
    assertArrayEquals(new int[] {LAYOUT.job(1, 0, 3), LAYOUT.job(1, 1, 3), LAYOUT.job(0, 0, 2), LAYOUT.job(0, 1, 2)},
        out);
    costs.observe(0, 400, 0.4); // learner 0: 1 ms a unit of size
    costs.observe(1, 400, 4.0); // learner 1: ten times slower
    List<Integer> rest = new ArrayList<>();
    int[] one = new int[1];
    while (book.take(w, 1, one, order) == 1) {
      rest.add(one[0]);
    }
    List<Integer> expected = new ArrayList<>();
    for (int[] ti : new int[][] {{1, 1}, {0, 3}, {0, 1}}) {
      expected.add(LAYOUT.job(ti[0], 1, ti[1])); // 3 s, 2 s, 1 s
    }
    expected.add(LAYOUT.job(1, 1, 2)); // 0.5 s > learner 0's 0.3 s
    for (int[] ti : new int[][] {{1, 1}, {0, 3}, {0, 1}, {1, 2}}) {
      expected.add(LAYOUT.job(ti[0], 0, ti[1]));
    }
    assertEquals(expected, rest);
  }

  @Test
  void anUnknownLearnerAwaitingItsFirstResultIsPricedLikeTheKnownOnes() {
    CostModel costs = CostModel.learned(2);
    LongestFirst order = new LongestFirst(costs, SIZES);
    int big0 = LAYOUT.job(1, 0, 3);
    int big1 = LAYOUT.job(1, 1, 3);
    assertEquals(0, order.choose(new int[] {big0, big1}, null));
    assertEquals(1, order.choose(new int[] {LAYOUT.job(0, 0, 2), big1}, null), "learner 1's first split goes out");
    costs.observe(0, 400, 0.4);
    // learner 1 unknown but started: priced as learner 0 at the same size, so the larger head wins
    assertEquals(1, order.choose(new int[] {LAYOUT.job(0, 0, 2), LAYOUT.job(1, 1, 3)}, null));
    assertEquals(0, order.choose(new int[] {LAYOUT.job(1, 0, 3), LAYOUT.job(0, 1, 2)}, null));
  }

  @Test
  void aWorkerWithLittleTimeLeftGetsOnlySplitsThatEndInTime() {
    // learner 0: 10 ms a unit of size (sizes 50..400: 0.5 s .. 4 s); learner 1 unknown
    CostModel costs = new CostModel(new double[] {4, Double.NaN}, new double[] {400, 400});
    LongestFirst order = new LongestFirst(costs, SIZES);
    JobBook book = new JobBook(new int[LAYOUT.total()], 1, 3, LongestFirst.lines(SIZES));
    int w = book.addWorker(1);
    int[] out = new int[12];
    // 1.6 s left: 1.5 x expected must fit, so at most ~1.07 s of work: learner 0's 100 (1 s) and 50 (0.5 s);
    // learner 1's heads are unknown and taken to fit
    int n = book.take(w, 12, out, order.within(1.6));
    List<Integer> got = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      got.add(out[i]);
    }
    assertTrue(got.containsAll(List.of(LAYOUT.job(0, 0, 1), LAYOUT.job(1, 0, 2))), got.toString());
    for (int job : got) {
      assertTrue(LAYOUT.learner(job) == 1 || SIZES.of(job) <= 100, "split " + job + " of size " + SIZES.of(job));
    }
    assertEquals(6 + 2, n, "all of learner 1 and learner 0's two that fit");
    assertEquals(0, book.take(w, 12, out, order.within(0.5)), "nothing fits 0.5 s");
    assertEquals(4, book.take(w, 12, out, order), "a worker without walltime takes the rest");
    assertEquals(LAYOUT.job(1, 0, 3), out[0], "longest first");
  }

  @Test
  void aRequeuedSplitWaitsForAWorkerWithTimeForIt() {
    CostModel costs = new CostModel(new double[] {4, 4}, new double[] {400, 400});
    LongestFirst order = new LongestFirst(costs, SIZES);
    JobBook book = new JobBook(new int[LAYOUT.total()], 1, 3, LongestFirst.lines(SIZES));
    int a = book.addWorker(1);
    int[] one = new int[1];
    book.take(a, 1, one, order);
    int big = one[0];
    assertEquals(400, SIZES.of(big), 1e-9);
    book.started(big, 1, a, 0);
    assertEquals(JobBook.Failure.RETRY, book.fail(big, 1, a));
    int b = book.addWorker(1);
    book.take(b, 1, one, order.within(2));
    assertTrue(one[0] != big && SIZES.of(one[0]) * 0.01 * LongestFirst.FIT_SAFETY <= 2, "a short one instead");
    book.take(b, 1, one, order);
    assertEquals(big, one[0], "then the retry goes first to a worker with time");
  }

  @Test
  void equalCostsKeepPlanOrderAmongTheLinesHeads() {
    CostModel costs = new CostModel(new double[] {1, 1}, new double[] {400, 400});
    LongestFirst order = new LongestFirst(costs, SIZES);
    assertEquals(0, order.choose(new int[] {LAYOUT.job(1, 0, 3), LAYOUT.job(1, 1, 3)}, null));
    assertEquals(1, order.choose(new int[] {-1, LAYOUT.job(1, 1, 3)}, null));
  }

  /** The first index above a value, in runs of equal values too (a CV of equal folds is one long run). */
  @Test
  void upperBoundSkipsRunsOfEqualValues() {
    java.util.Random random = new java.util.Random(7);
    for (int trial = 0; trial < 200; trial++) {
      double[] sorted = new double[random.nextInt(40)];
      for (int k = 0; k < sorted.length; k++) {
        sorted[k] = random.nextInt(4);
      }
      java.util.Arrays.sort(sorted);
      for (double v = -1; v <= 4; v += 0.5) {
        int expected = 0;
        while (expected < sorted.length && sorted[expected] <= v) {
          expected++;
        }
        assertEquals(expected, LongestFirst.upperBound(sorted, v), java.util.Arrays.toString(sorted) + " " + v);
      }
    }
    // every split of a CV of equal folds has the same size: the lines are plan order
    JobLayout equal = new JobLayout(new int[] {4, 4}, 1);
    int[][] lines = LongestFirst.lines(new SplitSizes(equal, new double[][] {{90, 90, 90, 90}, {90, 90, 90, 90}}));
    for (int k = 0; k < 8; k++) {
      assertEquals(k / 4, equal.task(lines[0][k]));
      assertEquals(k % 4 + 1, equal.iteration(lines[0][k]));
    }
  }
}
