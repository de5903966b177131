package org.soakbench.worker.learn.rpart;

/**
 * One row of rpart's {@code splits} matrix: a primary split, a competitor or a surrogate. A
 * continuous split sends {@code x < point} to {@code direction} (-1 left, +1 right) and the rest the
 * other way; a categorical one has a {@code table} entry per level (-1 left, +1 right, 0 absent).
 *
 * @param improve the improvement (primary, competitors) or the agreement (surrogates)
 * @param count the rows the split was computed on (0 for a surrogate: no row misses its primary here)
 * @param adj the surrogate's adjusted agreement, 0 for the others
 */
public record Split(int variable, double improve, int count, double point, int direction, int[] table, double adj) {
  public boolean categorical() {
    return table != null;
  }

  /** Where a row with value {@code x} goes: -1 left, +1 right, 0 when its level has no entry. */
  int route(double x) {
    if (table != null) {
      int level = (int) x - 1;
      return level >= 0 && level < table.length ? table[level] : 0;
    }
    return x < point ? direction : -direction;
  }
}
