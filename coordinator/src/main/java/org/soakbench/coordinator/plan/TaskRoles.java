package org.soakbench.coordinator.plan;

/**
 * The column roles of one task that the planner needs, one entry per row in data-file order.
 *
 * @param subset subset value of each row, or null when the task has no subset role
 * @param stratum 1-based stratum id of each row in order of first appearance (R's {@code .GRP})
 * @param group 0-based group code of each row in order of first appearance; each row is its own
 *     group when the task has no group role
 * @param fold fixed fold id of each row, or null when folds are to be drawn
 * @param subsetNumeric whether subset values sort as numbers rather than as strings
 */
public record TaskRoles(String[] subset, int[] stratum, int[] group, int[] fold, boolean subsetNumeric) {

  public int rows() {
    return stratum.length;
  }
}
