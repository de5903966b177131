package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Free slots are always filled; prefetch never leaves the queue with fewer jobs than the worker holds. */
class PrefetchShareTest {
  @Test
  void freeSlotsFirstThenAFairShareOfTheQueue() {
    assertEquals(1000, PrefetchShare.allowed(1000, 2, 0, 1_000_000), "a long queue: the whole window");
    assertEquals(2, PrefetchShare.allowed(2, 2, 0, 2), "free slots are filled even from a short queue");
    assertEquals(2, PrefetchShare.allowed(50, 2, 0, 3), "no prefetch from a queue of three");
    assertEquals(25, PrefetchShare.allowed(50, 2, 52, 100), "holds 50: 25 more leave 75 held and 75 queued");
    assertEquals(0, PrefetchShare.allowed(50, 2, 102, 100), "holds 100 already: the queue must keep as many");
    assertEquals(0, PrefetchShare.allowed(0, 2, 0, 100));
    assertEquals(0, PrefetchShare.allowed(-3, 2, 0, 100));
  }

  @Test
  void aGreedyWorkerAloneNeverEmptiesTheQueueIntoItsWindow() {
    int queued = 200;
    int leased = 0;
    for (int report = 0; report < 50; report++) {
      int got = PrefetchShare.allowed(1000, 2, leased, queued);
      queued -= got;
      leased += got;
      int held = Math.max(0, leased - 2);
      assertTrue(held <= queued, "report " + report + ": holds " + held + ", queue " + queued);
      if (leased > 0) {
        leased--; // one split done between reports
      }
    }
    assertTrue(queued > 0, "a worker joining now still finds work");
  }
}
