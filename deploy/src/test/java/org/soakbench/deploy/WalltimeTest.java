package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.soakbench.protocol.BadInputException;

class WalltimeTest {
  @Test
  void readsSlurmsTimeFormatsAndUnits() {
    assertEquals(Duration.ofMinutes(30), Walltime.parse("30"));
    assertEquals(Duration.ofSeconds(59), Walltime.parse("0:59"));
    assertEquals(Duration.ofMinutes(5).plusSeconds(7), Walltime.parse("5:07"));
    assertEquals(Duration.ofHours(3).plusMinutes(59).plusSeconds(58), Walltime.parse("03:59:58"));
    assertEquals(Duration.ofDays(1).plusHours(2), Walltime.parse("1-2"));
    assertEquals(Duration.ofDays(1).plusHours(2).plusMinutes(3), Walltime.parse("1-02:03"));
    assertEquals(Duration.ofDays(2).plusHours(2).plusMinutes(3).plusSeconds(4), Walltime.parse("2-02:03:04"));
    assertEquals(Duration.ofSeconds(90), Walltime.parse("90s"));
    assertEquals(Duration.ofMinutes(45), Walltime.parse("45m"));
    assertEquals(Duration.ofHours(2), Walltime.parse("2h"));
    assertEquals(Duration.ofDays(1), Walltime.parse("1d"));
  }

  @Test
  void anythingElseIsOneLineNamingTheFlag() {
    for (String bad : new String[] {"", "UNLIMITED", "2 h", "1:2:3:4", "-5", "h"}) {
      BadInputException e = assertThrows(BadInputException.class, () -> Walltime.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("--walltime: expected"), e.getMessage());
    }
  }
}
