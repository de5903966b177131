package org.soakbench.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.soakbench.coordinator.output.SplitTableWriter;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.plan.PlannedTask;
import org.soakbench.protocol.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code soakbench plan EXP}: validate, summarise the grid, optionally write the split table. */
@Command(name = "plan", description = "Validate an experiment, print its grid and optionally write the split table.",
    mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "EXP", description = "experiment file (HOCON)")
  Path experimentFile;

  @Option(names = "--splits", paramLabel = "FILE", description = "write the split table (1-based row ids) here")
  Path splits;

  @Override
  public Integer call() throws Exception {
    PlannedExperiment plan = ExperimentInput.plan(experimentFile);
    System.out.printf("experiment %s (seed %d): %d tasks x %d learners -> %d splits%n", plan.experiment().name(),
        plan.experiment().seed(), plan.tasks().size(), plan.experiment().learners().size(), plan.splits());
    for (PlannedTask t : plan.tasks()) {
      var data = t.task().data();
      System.out.printf("  task %s: %d rows, %d features, %s, subsets %s, %d iterations, measures %s%n", t.id(),
          data.rows(), data.features().size(), data.kind().name().toLowerCase(),
          t.bundle().instance().subsetLevels(), t.bundle().instance().iterations().size(), t.measures());
    }
    if (splits != null) {
      if (Files.isDirectory(splits)) {
        throw new BadInputException("--splits: " + splits + " is a folder, expected a file name");
      }
      SplitTableWriter.write(splits, plan);
      System.out.println("split table written to " + splits);
    }
    return 0;
  }
}
