package org.soakbench.worker;

import java.io.ByteArrayOutputStream;
import org.soakbench.protocol.TaskBundleCodec;
import org.soakbench.protocol.ToWorker;

/** Collects the chunks of one task bundle in order and checks the digest of the whole. */
final class TaskAssembly {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private int next;

  /** Adds a chunk; returns the complete bytes after the last one, or null while more are due. */
  byte[] add(ToWorker.TaskChunk chunk) {
    if (chunk.chunk() != next) {
      throw new IllegalStateException("task " + chunk.task() + ": expected chunk " + next + ", got " + chunk.chunk());
    }
    bytes.writeBytes(chunk.bytes());
    next++;
    if (next < chunk.chunks()) {
      return null;
    }
    byte[] all = bytes.toByteArray();
    String digest = TaskBundleCodec.sha256(all);
    if (!digest.equals(chunk.sha256())) {
      throw new IllegalStateException("task " + chunk.task() + ": digest mismatch after " + next + " chunks");
    }
    return all;
  }

  int next() {
    return next;
  }
}
