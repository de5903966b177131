package org.soakbench.coordinator.run;

/**
 * How a run ended: splits recorded, how many are error rows, a problem writing outputs if any, and
 * the makespan: from the first job handed out to the last split recorded (0 when none was).
 */
public record RunOutcome(int splits, int failed, String problem, double makespanSeconds) {

  /** Exit code of DESIGN.md: 0 all scored, 1 some error rows (or outputs could not be written). */
  public int exitCode() {
    return problem != null || failed > 0 ? 1 : 0;
  }
}
