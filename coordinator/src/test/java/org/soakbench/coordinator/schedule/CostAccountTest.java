package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostAccountTest {
  @Test
  void sumsExpectedAndActualAndTheTypicalErrorFactor() {
    CostModel model = CostModel.learned(2);
    CostAccount a = new CostAccount(2);
    a.add(0, Double.NaN, 1.0); // the first run: nothing was predicted
    a.add(0, 2.0, 1.0); // half
    a.add(0, 1.0, 2.0); // double
    a.add(0, 1e-6, 1e-5); // both under the floor: no error
    List<CostAccount.Line> lines = a.lines(List.of("a", "b"), model);
    CostAccount.Line l = lines.get(0);
    assertEquals("a", l.learner());
    assertEquals(4, l.runs());
    assertEquals(3, l.predicted());
    assertEquals(3.000001, l.expectedSeconds(), 1e-9);
    assertEquals(3.00001, l.actualSeconds(), 1e-9);
    assertEquals(Math.pow(4, 1 / 3.0), l.typicalErrorFactor(), 1e-9, "geometric mean of 2, 2 and 1");
    assertEquals(0, lines.get(1).runs());
    assertTrue(Double.isNaN(lines.get(1).typicalErrorFactor()));
    assertEquals(1, lines.get(1).slope(), 1e-12);
  }
}
