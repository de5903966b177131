package org.soakbench.deploy;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.slf4j.LoggerFactory;
import org.soakbench.protocol.BadInputException;
import picocli.CommandLine;

/**
 * Bad input becomes one line on stderr and exit code 2, and so does a file the system refuses
 * (permissions, a full disk: something the user fixes); anything else is logged in full and gives 1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
    if (ex instanceof BadInputException) {
      cli.getErr().println("soakbench: " + ex.getMessage());
      return 2;
    }
    if (ex instanceof FileSystemException fs) {
      // INFO: the stack trace goes to the log file only, the console gets the one line
      LoggerFactory.getLogger("soakbench").info("command failed on a file", ex);
      cli.getErr().println("soakbench: " + describe(fs));
      return 2;
    }
    LoggerFactory.getLogger("soakbench").error("command failed", ex);
    cli.getErr().println("soakbench: internal error: " + ex + " (details in the log file)");
    return 1;
  }

  /** "FILE: why" for a refused file operation, e.g. "out/scores.csv.tmp: permission denied". */
  static String describe(FileSystemException e) {
    String why = e instanceof AccessDeniedException ? "permission denied"
        : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    return e.getFile() + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "") + ": " + why;
  }
}
