package org.soakbench.coordinator.output;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text gathered in an unsynchronised buffer and written to a byte stream as UTF-8 a chunk at a time:
 * a {@code Writer} locks and copies on every call, and a CSV printer makes several calls per cell.
 */
final class TextChunks implements Appendable, Flushable {
  private static final int CHUNK = 1 << 16;
  private final StringBuilder text = new StringBuilder(CHUNK + 1024);
  private final OutputStream out;

  TextChunks(OutputStream out) {
    this.out = out;
  }

  @Override
  public Appendable append(CharSequence s) throws IOException {
    text.append(s);
    return spill();
  }

  @Override
  public Appendable append(CharSequence s, int start, int end) throws IOException {
    text.append(s, start, end);
    return spill();
  }

  @Override
  public Appendable append(char c) throws IOException {
    text.append(c);
    return spill();
  }

  /** Writes what is buffered. */
  @Override
  public void flush() throws IOException {
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    text.setLength(0);
  }

  private Appendable spill() throws IOException {
    if (text.length() >= CHUNK) {
      flush();
    }
    return this;
  }
}
