package org.soakbench.worker.learn.external;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived R or Python process running soakbench's helper script for one learner script: it
 * answers LOAD, FIT and PREDICT requests one at a time (README "R and Python learners"). Its stderr
 * goes to the worker's log. Owned by one split thread; a wait for an answer ends when the thread
 * is interrupted (a cancelled split), and the process is then killed, since it is busy with a
 * request nobody will read the answer of.
 */
public final class Interpreter implements AutoCloseable {
  /** Lines of the process's stderr kept for the message when it dies. */
  private static final int TAIL = 20;

  private static final java.util.Map<String, Path> HELPERS = new java.util.HashMap<>();

  private final String learner;
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final Set<String> loaded = new HashSet<>();
  /** When its last request ended, or -1 while one is under way (System.nanoTime()). */
  private long idleSince = System.nanoTime();

  public Interpreter(String learner, List<String> command) throws IOException {
    this.learner = learner;
    this.process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread drain = new Thread(() -> {
      // looked up here, not in a static field: the coordinator's dry run loads this class before the
      // run's log file is set, and an early lookup would fix logging to the default file
      Logger log = LoggerFactory.getLogger(Interpreter.class);
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          log.info("[{} pid {}] {}", learner, process.pid(), line);
          synchronized (stderrTail) {
            stderrTail.addLast(line);
            if (stderrTail.size() > TAIL) {
              stderrTail.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // the process is gone
      }
    }, "soakbench-" + learner + "-stderr");
    drain.setDaemon(true);
    drain.start();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /**
   * Ends the process if no request has been under way for {@code idleNanos}; true if it did. Called
   * from another thread than the owner's: a long-lived worker must not keep the interpreters (and
   * the task data in them) of runs long over.
   */
  public synchronized boolean closeIfIdle(long idleNanos, long now) {
    if (idleSince < 0 || now - idleSince < idleNanos) {
      return false;
    }
    close();
    return true;
  }

  private synchronized void busy(boolean busy) {
    idleSince = busy ? -1 : System.nanoTime();
  }

  /** Whether this process has task {@code hash}'s data already. */
  public boolean hasLoaded(String hash) {
    return loaded.contains(hash);
  }

  public void load(String hash, String target, Path csv) throws IOException, InterruptedException {
    busy(true);
    try {
      request("LOAD " + hash + " " + target + " " + csv, null);
      loaded.add(hash);
    } finally {
      busy(false);
    }
  }

  public void fit(String hash, long seed, int[] rows) throws IOException, InterruptedException {
    busy(true);
    try {
      request("FIT " + hash + " " + seed + " " + rows.length, rows);
    } finally {
      busy(false);
    }
  }

  /**
   * What {@code predict} returned: one text per row (numbers or class labels as the script gave them),
   * or, when {@code classes} is not null, each row's probability of each of those classes (row-major).
   */
  public record Predictions(String[] values, String[] classes, String[] probabilities) {}

  public Predictions predict(String hash, int[] rows) throws IOException, InterruptedException {
    busy(true);
    try {
      return answer(hash, rows);
    } finally {
      busy(false);
    }
  }

  private Predictions answer(String hash, int[] rows) throws IOException, InterruptedException {
    String ok = request("PREDICT " + hash + " " + rows.length, rows);
    String[] head = ok.split(" ");
    if (head.length == 4 && head[2].equals("PROB") && head[1].equals(String.valueOf(rows.length))) {
      String[] classes = readLine().split("\t", -1);
      String line = readLine();
      String[] p = line.isEmpty() ? new String[0] : line.split("\t", -1);
      if (!head[3].equals(String.valueOf(classes.length)) || p.length != rows.length * classes.length) {
        throw new IOException(learner + ": expected " + rows.length + " x " + head[3] + " probabilities, got "
            + p.length + " for " + classes.length + " classes");
      }
      return new Predictions(null, classes, p);
    }
    String values = readLine();
    String[] v = rows.length == 0 ? new String[0] : values.split("\t", -1);
    if (!ok.equals("OK " + rows.length) || v.length != rows.length) {
      throw new IOException(learner + ": expected " + rows.length + " predictions, got " + v.length);
    }
    return new Predictions(v, null, null);
  }

  /** Sends one request (and its row ids); returns the OK line, or throws the script's error. */
  private String request(String line, int[] rows) throws IOException, InterruptedException {
    try {
      in.write(line);
      in.newLine();
      if (rows != null) {
        StringBuilder ids = new StringBuilder(rows.length * 6);
        for (int i = 0; i < rows.length; i++) {
          if (i > 0) {
            ids.append(' ');
          }
          ids.append(rows[i]);
        }
        in.write(ids.toString());
        in.newLine();
      }
      in.flush();
    } catch (IOException e) {
      throw died(e);
    }
    String answer = readLine();
    if (answer.startsWith("ERR")) {
      throw new ScriptError(answer.substring(Math.min(4, answer.length())));
    }
    if (!answer.startsWith("OK")) {
      throw new IOException(learner + ": unexpected answer from the interpreter: " + answer);
    }
    return answer;
  }

  /** Waits for a line, giving up when the thread is interrupted (then the process is killed). */
  private String readLine() throws IOException, InterruptedException {
    // polled (a blocked read cannot be interrupted), from 50 us up to 10 ms between looks: a quick
    // answer is seen at once, a long fit costs next to no CPU
    long pause = 50_000;
    while (!out.ready()) {
      if (Thread.interrupted()) {
        close();
        throw new InterruptedException(learner + ": cancelled");
      }
      if (!process.isAlive() && !out.ready()) {
        throw died(null);
      }
      try {
        Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
      } catch (InterruptedException e) {
        close(); // busy with a request whose answer nobody will read: the next split needs a fresh process
        throw e;
      }
      pause = Math.min(10_000_000, pause * 2);
    }
    String line = out.readLine();
    if (line == null) {
      throw died(null);
    }
    return line;
  }

  private Died died(IOException cause) {
    try {
      process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String tail;
    synchronized (stderrTail) {
      tail = String.join(" | ", stderrTail);
    }
    return new Died(learner + ": the interpreter ended" + (process.isAlive() ? "" : " (exit " + process.exitValue()
        + ")") + (tail.isEmpty() ? "" : ": " + tail), cause);
  }

  /** The helper script {@code name} (soakbench_learner.py or .R) from the jar, as a file of this JVM. */
  public static synchronized Path helper(String name) throws IOException {
    Path file = HELPERS.get(name);
    if (file == null) {
      try (java.io.InputStream in = Interpreter.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("helper script " + name + " is not in the jar");
        }
        file = Files.createTempFile("soakbench-", "-" + name);
        Files.write(file, in.readAllBytes());
        file.toFile().deleteOnExit();
      }
      HELPERS.put(name, file);
    }
    return file;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      // dead before the next split asks whether it is alive
      process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The process ended (quit, crashed, killed): the attempt is lost, not the split's fault. */
  public static final class Died extends IOException {
    Died(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** An error the learner script raised: the split's error row, the process lives on. */
  public static final class ScriptError extends IOException {
    ScriptError(String message) {
      super(message);
    }
  }
}
