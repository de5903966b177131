package org.soakbench.deploy;

import org.slf4j.LoggerFactory;
import org.soakbench.protocol.BadInputException;
import picocli.CommandLine;

/** Bad input becomes one line on stderr and exit code 2; anything else is logged in full and gives 1. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
    if (ex instanceof BadInputException) {
      cli.getErr().println("soakbench: " + ex.getMessage());
      return 2;
    }
    LoggerFactory.getLogger("soakbench").error("command failed", ex);
    cli.getErr().println("soakbench: internal error: " + ex + " (details in the log file)");
    return 1;
  }
}
