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
  void oneIsHeldWhileARoundTripCostsAPercentOfASplit() {
    PrefetchWindow w = new PrefetchWindow(1000);
    w.roundTrip(1_200_000); // 1.2 ms
    w.split(20_000_000); // 20 ms: 6 % lost per split without one held, though 2 round trips cover 0.12 of it
    assertEquals(1, w.size(1));
    PrefetchWindow longer = new PrefetchWindow(1000);
    longer.roundTrip(1_200_000);
    longer.split(200_000_000); // 200 ms: 0.6 %, not worth a job waiting behind a long one
    assertEquals(0, longer.size(1));
    PrefetchWindow slowTrips = new PrefetchWindow(1000);
    slowTrips.roundTrip(3_000_000);
    slowTrips.split(150_000_000); // 2 %, but a held job could wait 150 ms while another slot idles
    assertEquals(0, slowTrips.size(1));
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
