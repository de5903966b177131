package org.soakbench.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.soakbench.coordinator.output.AtomicFile;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.run.RunOutcome;

/** Runs a coordinator node with logging set up, then writes {@code run.json} and the summary line. */
final class RunReport {
  private RunReport() {}

  /** Runs {@code node}; the progress bar is closed before the summary line is printed under it. */
  static int run(PlannedExperiment plan, Path dir, String mode, int localWorkers, ConsoleProgress progress,
      Callable<RunOutcome> node) throws Exception {
    System.setProperty("soakbench.logfile", dir.resolve("soakbench.log").toString());
    // initialise logging now, before actor threads race to do it (SLF4J would replay their calls)
    org.slf4j.LoggerFactory.getILoggerFactory();
    Instant start = Instant.now();
    RunOutcome outcome;
    try {
      outcome = node.call();
    } finally {
      progress.close();
    }
    Instant end = Instant.now();
    writeRunJson(dir, plan, mode, localWorkers, start, end, outcome);
    System.out.printf("%s: %d splits scored, %d failed, %.1f s -> %s%n", plan.experiment().name(), outcome.splits(),
        outcome.failed(), (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, dir.resolve("scores.csv"));
    if (outcome.problem() != null) {
      System.err.println("soakbench: " + outcome.problem());
    }
    return outcome.exitCode();
  }

  private static void writeRunJson(Path dir, PlannedExperiment plan, String mode, int localWorkers, Instant start,
      Instant end, RunOutcome outcome) throws IOException {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("experiment", plan.experiment());
    run.put("mode", mode);
    run.put("local_workers", localWorkers);
    run.put("started", start.toString());
    run.put("finished", end.toString());
    run.put("splits", outcome.splits());
    run.put("failed", outcome.failed());
    run.put("makespan_seconds", outcome.makespanSeconds());
    run.put("cost_model", outcome.costs().stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("learner", c.learner());
      m.put("splits", c.runs());
      m.put("exponent", c.slope());
      m.put("predicted_splits", c.predicted());
      m.put("expected_seconds", c.expectedSeconds());
      m.put("actual_seconds", c.actualSeconds());
      m.put("typical_error_factor", Double.isNaN(c.typicalErrorFactor()) ? null : c.typicalErrorFactor());
      return m;
    }).toList());
    run.put("java", System.getProperty("java.version"));
    run.put("soakbench", "0.1.0");
    byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(run);
    AtomicFile.write(dir.resolve("run.json"), out -> out.write(json));
  }
}
