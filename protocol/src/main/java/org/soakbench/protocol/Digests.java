package org.soakbench.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one digest soakbench uses for content hashes, fingerprints and derived seeds. */
public final class Digests {
  private Digests() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  /** The lower-case hex SHA-256 of the parts, concatenated. */
  public static String sha256Hex(byte[]... parts) {
    MessageDigest sha = sha256();
    for (byte[] part : parts) {
      sha.update(part);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
