package org.soakbench.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.record.SplitRecord;

class GanttPlotTest {
  private static SplitRecord record(String worker, int slots, long assigned, long recorded) {
    return new SplitRecord("t/l/1", "t", "h", 0, "l", 0, 1, "full", "same", 1, 1, 1, 1, Map.of("regr.rmse", 1.0), 1, 1,
        0.001, 0, worker, slots, 1, assigned, recorded, null);
  }

  /** Starts and results reported in batches overlap on the coordinator's clock: still one lane a slot. */
  @Test
  void aWorkerGetsNoMoreLanesThanSlotsWhateverItsTimesOverlap() {
    RecordStore store = new RecordStore();
    // a one-slot worker whose four splits were reported started together and finished in a batch
    for (int i = 0; i < 4; i++) {
      store.add(record("a", 1, 100, 110 + i));
    }
    // a two-slot worker: two splits at once, a third after the first ended
    store.add(record("b", 2, 100, 200));
    store.add(record("b", 2, 100, 150));
    store.add(record("b", 2, 160, 300));
    // a third split overlapping both busy slots goes to the one that frees first
    store.add(record("b", 2, 170, 180));
    Map<String, List<Long>> ends = new LinkedHashMap<>();
    int[] lanes = GanttPlot.lanes(store, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ends);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 0}, lanes);
    assertArrayEquals(new Object[] {List.of(113L), List.of(200L, 300L)},
        new ArrayList<>(ends.values()).toArray());
  }
}
