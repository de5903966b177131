package org.soakbench.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Turns a task bundle into bytes and back (Jackson CBOR), and cuts those bytes into chunks well
 * below Artery's 256 KiB frame, so a data set of any size crosses the wire as a stream of small
 * messages.
 */
public final class TaskBundleCodec {
  /** Chunk size: half of Artery's default maximum frame, leaving room for the envelope. */
  public static final int CHUNK_BYTES = 128 * 1024;

  private static final ObjectMapper CBOR = new CBORMapper();

  private TaskBundleCodec() {}

  public static byte[] encode(TaskBundle bundle) {
    try {
      return CBOR.writeValueAsBytes(bundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TaskBundle decode(byte[] bytes) {
    try {
      return CBOR.readValue(bytes, TaskBundle.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int chunks(byte[] bytes) {
    return Math.max(1, (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
  }

  public static byte[] chunk(byte[] bytes, int index) {
    int from = index * CHUNK_BYTES;
    return Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK_BYTES));
  }

  public static String sha256(byte[] bytes) {
    return Digests.sha256Hex(bytes);
  }
}
