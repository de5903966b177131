package org.soakbench.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Derives independent, stable 64-bit seeds from the experiment seed and names. */
public final class Seeds {
  private Seeds() {}

  /** A seed that depends only on the experiment seed and the given parts, in order. */
  public static long derive(long experimentSeed, Object... parts) {
    MessageDigest sha = Digests.sha256();
    sha.update(Long.toString(experimentSeed).getBytes(StandardCharsets.UTF_8));
    for (Object part : parts) {
      // a separator that cannot occur in numbers keeps ("a","bc") apart from ("ab","c")
      sha.update((byte) 0);
      sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
    }
    byte[] digest = sha.digest();
    long seed = 0;
    for (int i = 0; i < 8; i++) {
      seed = (seed << 8) | (digest[i] & 0xff);
    }
    return seed;
  }
}
