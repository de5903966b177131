package org.soakbench.coordinator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Free slots are always filled; prefetch never leaves the queue with fewer jobs than the worker holds. */
class PrefetchShareTest {
  @Test
  void freeSlotsFirstThenAFairShareOfTheQueue() {
    assertEquals(1000, PrefetchShare.allowed(1000, 2, 0, 1_000_000, 2), "a long queue: the whole window");
    assertEquals(2, PrefetchShare.allowed(2, 2, 0, 2, 2), "free slots are filled even from a short queue");
    assertEquals(2, PrefetchShare.allowed(50, 2, 0, 3, 2), "no prefetch from a queue of three");
    assertEquals(25, PrefetchShare.allowed(50, 2, 52, 100, 2), "holds 50: 25 more leave 75 held and 75 queued");
    assertEquals(0, PrefetchShare.allowed(50, 2, 102, 100, 2), "holds 100 already: the queue must keep as many");
    assertEquals(0, PrefetchShare.allowed(0, 2, 0, 100, 2));
    assertEquals(0, PrefetchShare.allowed(-3, 2, 0, 100, 2));
  }

  @Test
  void theQueuesTailGoesOutWithoutPrefetch() {
    // 16 single-slot workers: the last 32 queued jobs go to whichever slot frees first
    assertEquals(1, PrefetchShare.allowed(5, 1, 0, 33, 16), "a free slot is still filled");
    assertEquals(0, PrefetchShare.allowed(5, 1, 1, 32, 16), "a busy worker holds nothing from the tail");
    assertEquals(5, PrefetchShare.allowed(5, 1, 1, 100, 16));
  }

  @Test
  void aGreedyWorkerAloneNeverEmptiesTheQueueIntoItsWindow() {
    int queued = 200;
    int leased = 0;
    for (int report = 0; report < 50; report++) {
      int got = PrefetchShare.allowed(1000, 2, leased, queued, 2);
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
