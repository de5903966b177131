package org.soakbench.coordinator.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.record.ScoreCsvRecords;
import org.soakbench.coordinator.record.SplitRecord;
import org.soakbench.coordinator.stats.PValue;

/** Live tables recomputed per changed group equal the tables computed from scratch, at every step. */
class LiveTablesTest {
  @Test
  void incrementalTablesEqualAFullComputationAfterEveryBatch() throws Exception {
    for (String file : List.of("seed/score.csv", "variants/sizes2_seeds2_groups_pair_score.csv")) {
      List<SplitRecord> records = ScoreCsvRecords.shuffled(ScoreCsvRecords.of(file), 7);
      RecordStore store = new RecordStore();
      LiveTables live = new LiveTables();
      int compared = 0;
      for (int i = 0; i < records.size(); i++) {
        live.changed(store.groupOf(store.add(records.get(i))));
        if (i % 5 == 4 || i == records.size() - 1) {
          PValue.Tables full;
          try {
            full = PValue.pvalue(store, "regr.rmse");
          } catch (IllegalArgumentException e) {
            assertThrows(IllegalArgumentException.class, () -> live.tables(store, "regr.rmse"));
            continue;
          }
          assertEquals(full, live.tables(store, "regr.rmse"), file + " after " + (i + 1) + " records");
          compared++;
        }
      }
      assertEquals(true, compared > 3, file + ": compared " + compared + " times");
    }
  }
}
