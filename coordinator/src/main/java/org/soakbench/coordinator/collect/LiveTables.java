package org.soakbench.coordinator.collect;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.stats.PValue;
import org.soakbench.coordinator.stats.PValueEngine;

/**
 * The p-value tables of a run while it goes, kept per (task, test subset) group: a refresh computes
 * again only the groups that received records since the last one, then merges every group's rows
 * (O(groups)), so its cost follows what changed, not the number of splits recorded.
 */
final class LiveTables {
  private final List<PValueEngine.Partial> parts = new ArrayList<>();
  private final BitSet changed = new BitSet();
  private String valueVar;
  private Set<String> compared = Set.of();

  /** Group {@code g} of the store received a record. */
  void changed(int g) {
    changed.set(g);
  }

  /** The tables of the store for {@code column}; throws IllegalArgumentException while nothing can be compared. */
  PValue.Tables tables(RecordStore store, String column) {
    Set<String> nowCompared = PValue.compared(store);
    if (!column.equals(valueVar) || !nowCompared.equals(compared)) {
      // a first "other" or "all" anywhere adds rows to every group: compute them all again
      changed.set(0, store.groups().size());
      valueVar = column;
      compared = nowCompared;
    }
    for (int g = changed.nextSetBit(0); g >= 0; g = changed.nextSetBit(g + 1)) {
      while (parts.size() <= g) {
        parts.add(null);
      }
      parts.set(g, PValue.part(store, g, column, compared));
    }
    changed.clear();
    return PValue.merge(parts, column);
  }
}
