package org.soakbench.worker.learn.rpart;

import java.util.List;

/** rpart's {@code insert_split}: a list of at most {@code max} splits, best first (SPEC §4.3). */
final class RankedList {
  private RankedList() {}

  /**
   * Inserts {@code s} after every entry with an improvement at least as large. A full list drops its
   * last entry for a better one; with {@code max == 2} a new head also drops the old head, as rpart's
   * list code does (the head is still the best, so only the competitor list differs).
   */
  static void insert(List<Split> list, Split s, int max) {
    int at = 0;
    while (at < list.size() && !(s.improve() > list.get(at).improve())) {
      at++;
    }
    if (list.size() >= max) {
      if (at >= list.size()) {
        return;
      }
      if (max == 2 && at == 0) {
        list.clear();
        list.add(s);
        return;
      }
      list.remove(list.size() - 1);
    }
    list.add(at, s);
  }
}
