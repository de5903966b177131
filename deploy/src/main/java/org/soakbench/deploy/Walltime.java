package org.soakbench.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soakbench.protocol.BadInputException;

/**
 * Parses {@code --walltime}: SLURM's time formats ({@code MM}, {@code MM:SS}, {@code HH:MM:SS},
 * {@code D-HH}, {@code D-HH:MM}, {@code D-HH:MM:SS}, as {@code sbatch --time} takes them and
 * {@code squeue -o %L} prints them) or a number with a unit ({@code 90s}, {@code 45m}, {@code 2h}).
 */
final class Walltime {
  private static final Pattern UNIT = Pattern.compile("(\\d+)([smhd])");
  private static final Pattern DAYS = Pattern.compile("(\\d+)-(\\d+)(?::(\\d+))?(?::(\\d+))?");
  private static final Pattern CLOCK = Pattern.compile("(\\d+)(?::(\\d+))?(?::(\\d+))?");

  private Walltime() {}

  static Duration parse(String text) {
    String t = text.trim();
    Matcher m = UNIT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    m = DAYS.matcher(t);
    if (m.matches()) {
      return Duration.ofDays(Long.parseLong(m.group(1))).plusHours(Long.parseLong(m.group(2)))
          .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
    }
    m = CLOCK.matcher(t);
    if (m.matches()) {
      if (m.group(3) != null) {
        return Duration.ofHours(Long.parseLong(m.group(1))).plusMinutes(Long.parseLong(m.group(2)))
            .plusSeconds(Long.parseLong(m.group(3)));
      }
      return Duration.ofMinutes(Long.parseLong(m.group(1))).plusSeconds(number(m.group(2)));
    }
    throw new BadInputException("--walltime: expected a duration such as 90s, 45m, 2h, MM:SS, HH:MM:SS or D-HH:MM:SS, got '"
        + text + "'");
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
