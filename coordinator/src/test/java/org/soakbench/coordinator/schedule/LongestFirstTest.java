package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals(0, order.choose(new int[] {big0, big1}));
    assertEquals(1, order.choose(new int[] {LAYOUT.job(0, 0, 2), big1}), "learner 1's first split goes out");
    costs.observe(0, 400, 0.4);
    // learner 1 unknown but started: priced as learner 0 at the same size, so the larger head wins
    assertEquals(1, order.choose(new int[] {LAYOUT.job(0, 0, 2), LAYOUT.job(1, 1, 3)}));
    assertEquals(0, order.choose(new int[] {LAYOUT.job(1, 0, 3), LAYOUT.job(0, 1, 2)}));
  }

  @Test
  void equalCostsKeepPlanOrderAmongTheLinesHeads() {
    CostModel costs = new CostModel(new double[] {1, 1}, new double[] {400, 400});
    LongestFirst order = new LongestFirst(costs, SIZES);
    assertEquals(0, order.choose(new int[] {LAYOUT.job(1, 0, 3), LAYOUT.job(1, 1, 3)}));
    assertEquals(1, order.choose(new int[] {-1, LAYOUT.job(1, 1, 3)}));
  }
}
