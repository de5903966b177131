package org.soakbench.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.soakbench.protocol.BadInputException;

/**
 * An exclusive lock on an output folder for the life of one run, so two runs never append to one
 * journal. It is an OS file lock ({@code fcntl}) on {@code .soakbench.lock}: a killed process loses
 * it with its file descriptors, so a crash never leaves a stale lock behind.
 */
final class FolderLock implements AutoCloseable {
  static final String FILE = ".soakbench.lock";
  private final FileChannel channel;

  private FolderLock(FileChannel channel) {
    this.channel = channel;
  }

  /** Takes the folder's lock, or refuses with one line when another run holds it. */
  static FolderLock take(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot create the output folder's lock file (" + e.getMessage() + ")");
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very JVM
    } catch (IOException e) {
      close(channel);
      throw new BadInputException(file + ": cannot lock the output folder (" + e.getMessage() + ")");
    }
    if (lock == null) {
      close(channel);
      throw new BadInputException(dir + ": another soakbench run is using this output folder (" + holder(file)
          + " holds " + file + "); wait for it to end, or use another --out");
    }
    try {
      // who holds it, for the message a second run prints; the lock itself is the OS's
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "@" + host() + "\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0);
      channel.force(false);
    } catch (IOException e) {
      // the lock holds without the note
    }
    return new FolderLock(channel);
  }

  /** The "pid@host" the holder wrote, or "a process" when it cannot be read. */
  private static String holder(Path file) {
    try {
      String who = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
      return who.isEmpty() ? "a process" : "process " + who;
    } catch (IOException e) {
      return "a process";
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public void close() {
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close(); // releases the lock
    } catch (IOException ignored) {
      // nothing to do: the descriptor is gone with the process at the latest
    }
  }
}
