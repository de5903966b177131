package org.soakbench.deploy;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.SmokeTest;
import org.soakbench.coordinator.report.PlotWarmUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code soakbench run EXP}: the whole experiment on an embedded local cluster. */
@Command(name = "run", description = "Run an experiment on an embedded cluster: coordinator + local workers.",
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "EXP", description = "experiment file (HOCON)")
  Path experimentFile;

  @Option(names = "--workers", paramLabel = "N", description = "local workers (default: number of cores)")
  Integer workers;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: the experiment's output)")
  Path out;

  @Option(names = {"--fresh", "--force"}, description = "start over even if the output folder holds a journal "
      + "(it is kept as journal-<time>.jsonl); without it a journal of the same experiment is resumed")
  boolean startOver;

  @Option(names = "--quiet", description = "no progress bar (there is none anyway when not on a terminal)")
  boolean quiet;

  @Option(names = "--smoke", description = "a smoke test, as mlr3resampling's proj_test(): every task down-sampled to "
      + "its first 10 rows (groups) of each stratum and subset, one split per task x learner, into the output "
      + "folder's sibling DIR-smoke; finds configuration, data and learner errors in seconds")
  boolean smoke;

  @Override
  public Integer call() throws Exception {
    PlotWarmUp.start(); // overlaps the first figure's one-time costs with planning and cluster start
    int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    Flags.range("--workers", n, 1, 1024);
    ExperimentInput.Planned planned = ExperimentInput.planned(experimentFile, smoke ? SmokeTest.DEFAULT : null);
    PlannedExperiment plan = planned.plan();
    Path folder = ExperimentInput.outputFolder(experimentFile, out, plan.experiment());
    if (smoke) {
      folder = folder.resolveSibling(folder.getFileName() + "-smoke");
    }
    try (OutputFolder.Prepared prepared = OutputFolder.prepare(folder, plan, startOver)) {
      return run(plan, planned.hints(), prepared, n);
    }
  }

  private int run(PlannedExperiment plan, double[] hints, OutputFolder.Prepared prepared, int n) throws Exception {
    Path dir = prepared.dir();
    // a one-node cluster on loopback, any free port, no management endpoint
    try (ConsoleProgress progress = new ConsoleProgress(quiet)) {
      return RunReport.run(plan, dir, "embedded", n, progress, () -> CoordinatorNode.run(plan, dir,
          new CoordinatorNode.Options("127.0.0.1", 0, "127.0.0.1", -1, n, 0, prepared.resumed(), null, hints, true),
          progress.shows() ? progress : null));
    }
  }
}
