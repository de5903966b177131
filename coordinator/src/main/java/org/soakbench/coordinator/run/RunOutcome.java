package org.soakbench.coordinator.run;

import java.util.List;
import org.soakbench.coordinator.schedule.CostAccount;

/**
 * How a run ended: splits recorded, how many are error rows, a problem writing outputs if any, the
 * makespan: from the first job handed out to the last split recorded (0 when none was), and how
 * well the cost model predicted each learner's splits.
 */
public record RunOutcome(int splits, int failed, String problem, double makespanSeconds, List<CostAccount.Line> costs) {

  public RunOutcome(int splits, int failed, String problem, double makespanSeconds) {
    this(splits, failed, problem, makespanSeconds, List.of());
  }

  /** Exit code of DESIGN.md: 0 all scored, 1 some error rows (or outputs could not be written). */
  public int exitCode() {
    return problem != null || failed > 0 ? 1 : 0;
  }
}
