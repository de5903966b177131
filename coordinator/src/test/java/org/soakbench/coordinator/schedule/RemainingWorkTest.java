package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.soakbench.coordinator.plan.JobLayout;

class RemainingWorkTest {
  @Test
  void sumsTheExpectedSecondsOfTheSplitsLeft() {
    JobLayout layout = new JobLayout(new int[] {3}, 2);
    SplitSizes sizes = new SplitSizes(layout, new double[][] {{100, 200, 400}});
    RemainingWork left = new RemainingWork(sizes);
    CostModel costs = CostModel.learned(2);
    assertTrue(Double.isNaN(left.seconds(costs)), "nothing known yet");
    costs.observe(0, 100, 1); // linear: 1 s per 100
    costs.observe(1, 100, 10);
    assertEquals((1 + 2 + 4) * 11, left.seconds(costs), 1e-9);
    left.done(layout.job(0, 1, 3));
    left.done(layout.job(0, 0, 1));
    assertEquals(2 + 4 + 10 + 20, left.seconds(costs), 1e-9);
    for (int l = 0; l < 2; l++) {
      for (int i = 1; i <= 3; i++) {
        if (!(l == 1 && i == 3) && !(l == 0 && i == 1)) {
          left.done(layout.job(0, l, i));
        }
      }
    }
    assertEquals(0, left.seconds(CostModel.learned(2)), 1e-12, "nothing left: even an empty model can tell");
  }
}
