package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CostModelTest {
  @Test
  void aLearnerWithoutRunsOrHintIsUnknown() {
    CostModel m = CostModel.learned(2);
    assertFalse(m.knows(0));
    assertTrue(Double.isNaN(m.predict(0, 1000)));
    m.observe(1, 100, 0.5);
    assertTrue(m.knows(1));
    assertFalse(m.knows(0));
  }

  @Test
  void aHintScalesLinearlyFromTheLargestSplitUntilTheFirstRun() {
    CostModel m = new CostModel(new double[] {10, Double.NaN}, new double[] {1000, 1000});
    assertTrue(m.knows(0));
    assertEquals(10, m.predict(0, 1000), 1e-9);
    assertEquals(5, m.predict(0, 500), 1e-9);
    m.observe(0, 1000, 2);
    assertEquals(2, m.predict(0, 1000), 1e-9, "a run replaces the hint");
  }

  @Test
  void withFewerThanThreeSizesTimeIsLinearInSize() {
    CostModel m = CostModel.learned(1);
    m.observe(0, 100, 1);
    m.observe(0, 100, 1);
    m.observe(0, 400, 16); // quadratic, but two sizes cannot tell a slope from noise
    assertEquals(1, m.slope(0), 1e-12);
    m.observe(0, 200, 4);
    assertEquals(2, m.slope(0), 1e-9, "three sizes: the quadratic law is fitted");
    assertEquals(9, m.predict(0, 300), 1e-6);
  }

  @Test
  void fitsAPowerLawThroughNoiseAndStragglers() {
    Random r = new Random(7);
    CostModel m = CostModel.learned(1);
    for (int i = 0; i < 200; i++) {
      double size = 1000 + r.nextInt(99_000);
      double seconds = 2e-7 * Math.pow(size, 1.5) * Math.exp(0.1 * r.nextGaussian());
      if (i % 10 == 3) {
        seconds *= 50; // a GC pause or a busy core
      }
      m.observe(0, size, seconds);
    }
    assertEquals(1.5, m.slope(0), 0.1);
    double expected = 2e-7 * Math.pow(50_000, 1.5);
    assertEquals(expected, m.predict(0, 50_000), 0.15 * expected);
  }

  @Test
  void followsALearnerThatSpeedsUpOnceTheOldRunsLeaveTheWindow() {
    CostModel m = CostModel.learned(1);
    for (int i = 0; i < 100; i++) {
      m.observe(0, 100 + i % 5 * 100, 1e-3 * (100 + i % 5 * 100)); // cold: 1 ms a row
    }
    for (int i = 0; i < CostModel.WINDOW; i++) {
      m.observe(0, 100 + i % 5 * 100, 1e-4 * (100 + i % 5 * 100)); // warm: ten times faster
    }
    assertEquals(0.03, m.predict(0, 300), 0.003);
  }

  @Test
  void slopesStayBetweenZeroAndThree() {
    CostModel m = CostModel.learned(2);
    for (int size = 100; size <= 500; size += 100) {
      m.observe(0, size, 1000.0 / size); // faster on more data: taken as constant
      m.observe(1, size, Math.pow(size, 5) * 1e-12);
    }
    assertEquals(0, m.slope(0), 1e-12);
    assertEquals(CostModel.MAX_SLOPE, m.slope(1), 1e-12);
  }

  @Test
  void noOpSplitsOfZeroSecondsStayFinite() {
    CostModel m = CostModel.learned(1);
    for (int i = 1; i <= 10; i++) {
      m.observe(0, i * 10, 0);
    }
    double p = m.predict(0, 1_000_000);
    assertTrue(p >= 0 && p < 1e-3, "predicted " + p);
  }
}
