package org.soakbench.deploy;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.soakbench.coordinator.plan.PlannedExperiment;
import org.soakbench.coordinator.report.PlotWarmUp;
import org.soakbench.coordinator.run.RunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code soakbench coordinator EXP}: the coordinator node of a multi-machine run. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
    description = "Run an experiment's coordinator; workers join it from any machine with 'soakbench worker'.")
final class CoordinatorCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "EXP", description = "experiment file (HOCON)")
  Path experimentFile;

  @Option(names = "--host", paramLabel = "H", description = "address workers use to reach this node (default: ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "P", description = "cluster (Artery TCP) port (default: ${DEFAULT-VALUE})")
  int port = 25520;

  @Option(names = "--http-host", paramLabel = "H", description = "Pekko Management bind address (default: ${DEFAULT-VALUE})")
  String httpHost = "127.0.0.1";

  @Option(names = "--http-port", paramLabel = "P", description = "Pekko Management port, -1 for none (default: ${DEFAULT-VALUE})")
  int httpPort = 8558;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: the experiment's output)")
  Path out;

  @Option(names = "--local-workers", paramLabel = "N", description = "single-slot workers inside this node (default: 0)")
  int localWorkers;

  @Option(names = "--min-workers", paramLabel = "N", description = "hand out no work before N workers joined (default: 0)")
  int minWorkers;

  @Option(names = {"--fresh", "--force"}, description = "start over even if the output folder holds a journal "
      + "(it is kept as journal-<time>.jsonl); without it a journal of the same experiment is resumed")
  boolean startOver;

  @Option(names = "--tls", paramLabel = "DIR", description = "mutually authenticated TLS between nodes with "
      + "DIR/keystore.p12 and DIR/truststore.p12 (made by 'soakbench keys DIR'); password in "
      + "$SOAKBENCH_TLS_PASSWORD or DIR/password; needed when --host is not a loopback address")
  Path tls;

  @Option(names = "--insecure", description = "allow a plain-text cluster on a non-loopback --host (anyone who "
      + "reaches the port can join)")
  boolean insecure;

  @Option(names = "--quiet", description = "no progress bar (there is none anyway when not on a terminal)")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PlotWarmUp.start(); // overlaps the first figure's one-time costs with planning and cluster start
    Flags.range("--port", port, 0, 65535);
    Flags.range("--http-port", httpPort, -1, 65535);
    Flags.range("--local-workers", localWorkers, 0, 1024);
    Flags.range("--min-workers", minWorkers, 0, 100_000);
    Tls tlsSettings = Tls.from(tls);
    Tls.checkPlainText("--host", host, tlsSettings, insecure);
    ExperimentInput.Planned planned = ExperimentInput.planned(experimentFile, null);
    PlannedExperiment plan = planned.plan();
    try (OutputFolder.Prepared prepared =
        OutputFolder.prepare(ExperimentInput.outputFolder(experimentFile, out, plan.experiment()), plan, startOver)) {
      return run(plan, planned.hints(), prepared, tlsSettings);
    }
  }

  private int run(PlannedExperiment plan, double[] hints, OutputFolder.Prepared prepared, Tls tlsSettings)
      throws Exception {
    Path dir = prepared.dir();
    try (ConsoleProgress progress = new ConsoleProgress(quiet)) {
      return RunReport.run(plan, dir, "coordinator", localWorkers, progress, () -> CoordinatorNode.run(plan, dir,
          new CoordinatorNode.Options(host, port, httpHost, httpPort, localWorkers, minWorkers,
              prepared.resumed(), tlsSettings, hints, false), progress.shows() ? progress : null));
    }
  }
}
