package org.soakbench.protocol;

/**
 * Bad user input (experiment file, data, flags): its message is one line naming the file,
 * line/column or key and what was expected, shown as is; the command exits with code 2.
 */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
