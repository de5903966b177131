package org.soakbench.deploy;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code soakbench} command line. */
@Command(
    name = "soakbench",
    mixinStandardHelpOptions = true,
    version = "soakbench 0.1.0",
    description = "Same/Other/All K-fold cross-validation benchmarks on a Pekko cluster.",
    subcommands = {RunCommand.class, PlanCommand.class, CoordinatorCommand.class, WorkerCommand.class,
        ReportCommand.class, StatusCommand.class, KeysCommand.class})
public final class Main {

  public static void main(String[] args) {
    // plots are drawn off-screen; without this AWT looks for a display and fails on servers
    System.setProperty("java.awt.headless", "true");
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code: 0 ok, 1 some splits failed, 2 bad input. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler((ex, a) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("soakbench: " + ex.getMessage().replace('\n', ' ') + " (see --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli.execute(args);
  }
}
