package org.soakbench.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.run.RunOutcome;
import org.soakbench.protocol.BadInputException;
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

  @Override
  public Integer call() throws Exception {
    int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    if (n < 1 || n > 1024) {
      throw new BadInputException("--workers: expected 1..1024, got " + n);
    }
    PlannedExperiment plan = ExperimentInput.plan(experimentFile);
    Path dir = OutputFolder.prepare(ExperimentInput.outputFolder(experimentFile, out, plan.experiment()));
    System.setProperty("soakbench.logfile", dir.resolve("soakbench.log").toString());
    // initialise logging now, before actor threads race to do it (SLF4J would replay their calls)
    org.slf4j.LoggerFactory.getILoggerFactory();
    Instant start = Instant.now();
    RunOutcome outcome = EmbeddedRun.run(plan, dir, n);
    Instant end = Instant.now();
    writeRunJson(dir, plan, n, start, end, outcome);
    double seconds = (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
    System.out.printf("%s: %d splits scored, %d failed, %.1f s with %d workers -> %s%n", plan.experiment().name(),
        outcome.splits(), outcome.failed(), seconds, n, dir.resolve("scores.csv"));
    if (outcome.problem() != null) {
      System.err.println("soakbench: " + outcome.problem());
    }
    return outcome.exitCode();
  }

  private static void writeRunJson(Path dir, PlannedExperiment plan, int workers, Instant start, Instant end,
      RunOutcome outcome) throws java.io.IOException {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("experiment", plan.experiment());
    run.put("mode", "embedded");
    run.put("workers", workers);
    run.put("started", start.toString());
    run.put("finished", end.toString());
    run.put("splits", outcome.splits());
    run.put("failed", outcome.failed());
    run.put("java", System.getProperty("java.version"));
    run.put("soakbench", "0.1.0");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("run.json").toFile(), run);
  }
}
