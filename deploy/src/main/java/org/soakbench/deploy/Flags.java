package org.soakbench.deploy;

import org.soakbench.protocol.BadInputException;

/** Range checks of numeric flags, reported like every other bad input. */
final class Flags {
  private Flags() {}

  static void range(String flag, int value, int min, int max) {
    if (value < min || value > max) {
      throw new BadInputException(flag + ": expected " + min + ".." + max + ", got " + value);
    }
  }
}
