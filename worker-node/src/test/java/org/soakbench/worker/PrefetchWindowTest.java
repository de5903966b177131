package org.soakbench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The prefetch window follows the ratio of round trip to split time, within its cap. */
class PrefetchWindowTest {
  @Test
  void holdsNothingUntilItHasSeenASplitAndARoundTrip() {
    PrefetchWindow w = new PrefetchWindow(100);
    assertEquals(0, w.size(4));
    w.roundTrip(1_000_000);
    assertEquals(0, w.size(4));
    w.split(1_000_000);
    assertEquals(8, w.size(4));
  }

  @Test
  void shortSplitsGetManyLongSplitsNone() {
    PrefetchWindow w = new PrefetchWindow(1000);
    w.roundTrip(1_000_000); // 1 ms
    w.split(20_000); // 20 us: 2 round trips cover 100 splits a slot
    assertEquals(200, w.size(2));
    PrefetchWindow slow = new PrefetchWindow(1000);
    slow.roundTrip(1_000_000);
    slow.split(2_000_000_000L); // 2 s splits: nothing to gain from holding one
    assertEquals(0, slow.size(8));
  }

  @Test
  void neverMoreThanItsCap() {
    PrefetchWindow w = new PrefetchWindow(50);
    w.roundTrip(10_000_000);
    w.split(1);
    assertEquals(50, w.size(4));
    assertEquals(0, new PrefetchWindow(0).size(4));
  }
}
