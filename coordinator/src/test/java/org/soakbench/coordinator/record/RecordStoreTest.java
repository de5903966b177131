package org.soakbench.coordinator.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The columnar store gives back every record exactly as added, in score-table order when asked. */
class RecordStoreTest {
  private static SplitRecord record(String task, int taskIndex, String learner, int learnerIndex, int iteration,
      Map<String, Double> measures, String error, String id) {
    return new SplitRecord(id, task, "hash-" + task, taskIndex, learner, learnerIndex, iteration, "A", "other", 3, 2,
        7, 2, measures, 40, 10, 0.25, 0.125, "127.0.0.1:2552" + (iteration % 2), 1 + iteration % 2, 2, 1000L + iteration,
        2000L + iteration, error);
  }

  @Test
  void everyFieldRoundTripsAndRowsSortAsTheScoreTable() throws Exception {
    Map<String, Double> classif = new LinkedHashMap<>();
    classif.put("classif.auc", Double.NaN); // a computed NaN stays NaN, distinct from NA
    classif.put("classif.ce", null);
    Map<String, Double> regr = new LinkedHashMap<>();
    regr.put("regr.rmse", 0.5);
    List<SplitRecord> in = List.of(
        record("b", 1, "regr.rpart", 1, 2, regr, null, "b/regr.rpart/2"),
        record("a", 0, "classif.featureless", 0, 3, classif, "boom\n\"x\"", "a/classif.featureless/3"),
        record("b", 1, "regr.featureless", 0, 1, regr, null, "an id of an older journal"),
        record("a", 0, "classif.featureless", 0, 1, classif, null, "a/classif.featureless/1"));
    RecordStore store = RecordStore.of(in);
    for (int row = 0; row < in.size(); row++) {
      assertEquals(in.get(row), store.get(row), "row " + row);
    }
    assertTrue(Double.isNaN(store.value(1, "classif.auc")));
    assertNull(store.value(1, "classif.ce"));
    assertNull(store.value(0, "classif.ce"), "not a measure of the row's task");
    assertEquals(List.of("classif.auc", "classif.ce", "regr.rmse"), store.measureColumns());
    assertArrayEquals(new int[] {3, 1, 2, 0}, store.sortedRows());
    assertEquals(in.stream().sorted(Comparator.comparingInt(SplitRecord::taskIndex)
        .thenComparingInt(SplitRecord::learnerIndex).thenComparingInt(SplitRecord::iteration)).toList(),
        store.sortedRecords());
    assertEquals(1, store.failed());
    assertArrayEquals(new int[] {1}, store.failedRows());
    assertEquals("rpart", store.learner(0).algorithm());
    assertEquals(List.of(new RecordStore.Group("b", "A"), new RecordStore.Group("a", "A")), store.groups());
    assertArrayEquals(new int[] {2, 0}, store.groupRows(0));
    assertEquals(2, store.workers().size());
  }

  @Test
  void aStoreOfTheSeedScoresHoldsThemAll() throws Exception {
    List<SplitRecord> seed = ScoreCsvRecords.of("seed/score.csv");
    RecordStore store = RecordStore.of(ScoreCsvRecords.shuffled(seed, 1));
    assertEquals(seed, store.sortedRecords());
    // 2 tasks x 2 test subsets
    assertEquals(4, store.groups().size());
    assertEquals(seed.size(), java.util.stream.IntStream.range(0, store.groups().size()).map(g -> store.groupRows(g).length).sum());
  }
}
