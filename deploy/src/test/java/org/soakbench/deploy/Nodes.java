package org.soakbench.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts soakbench nodes as separate JVMs from the fat jar, on 127.0.0.1, and cleans them up. */
final class Nodes implements AutoCloseable {
  /** Down unreachable nodes after 2 s of stable membership instead of 20 s, so kill -9 tests stay short. */
  static final String FAST_DOWNING = "-Dpekko.cluster.split-brain-resolver.stable-after=2s";

  private final Path dir;
  private final java.util.Map<String, String> env;
  private final List<Process> started = new ArrayList<>();

  Nodes(Path dir) {
    this(dir, java.util.Map.of());
  }

  /** Nodes whose processes also get {@code env} (e.g. the TLS password). */
  Nodes(Path dir, java.util.Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /**
   * Writes {@code DIR/exp.conf}: plain K-fold CV of a tiny task {@code d} ({@code rows} rows, x and
   * y = x mod {@code mod}) with the given learners; for tests where only the splits' times matter.
   */
  static void writeCvExperiment(Path dir, String name, int rows, int mod, String learners, int folds) throws IOException {
    StringBuilder data = new StringBuilder("x,y\n");
    for (int i = 0; i < rows; i++) {
      data.append(i).append(',').append(i % mod).append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), data.toString());
    Files.writeString(dir.resolve("exp.conf"), "experiment {\n  name = " + name + "\n"
        + "  tasks = [ { id = d, data = d.csv, target = y, features = [x] } ]\n"
        + "  learners = [ " + learners + " ]\n"
        + "  resampling { type = cv, folds = " + folds + " }\n}\n");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code java OPTIONS -jar soakbench.jar}, from the build's class-data-sharing archive when there is one. */
  static List<String> java(String... options) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    Path archive = Path.of(System.getProperty("soakbench.jar")).resolveSibling("soakbench.jsa");
    if (Files.isRegularFile(archive)) {
      cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-jar", System.getProperty("soakbench.jar")));
    return cmd;
  }

  Process start(String logName, String... args) throws IOException {
    return startIn(List.of(), logName, args);
  }

  /** Starts a node with JVM options (e.g. {@code -Dsoakbench...} settings) besides the usual ones. */
  Process startWithOptions(List<String> options, String logName, String... args) throws IOException {
    List<String> opts = new ArrayList<>(List.of("-Xmx1g", FAST_DOWNING));
    opts.addAll(options);
    List<String> cmd = new ArrayList<>(java(opts.toArray(String[]::new)));
    cmd.addAll(List.of(args));
    return launch(cmd, java.util.Map.of(), logName);
  }

  /** Starts a node with a command prefix, e.g. {@code ip netns exec NS} to run it in a network namespace. */
  Process startIn(List<String> prefix, String logName, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(java("-Xmx1g", FAST_DOWNING));
    cmd.addAll(List.of(args));
    return launch(cmd, java.util.Map.of(), logName);
  }

  /**
   * Starts {@code bin/soakbench-supervise} with {@code args}; its workers get the JVM options of
   * {@link #start} through {@code SOAKBENCH_JAVA_OPTS}, and {@code env} on top.
   */
  Process startSupervised(java.util.Map<String, String> env, String logName, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(SeedExampleTest.root().resolve("bin/soakbench-supervise").toString());
    cmd.addAll(List.of(args));
    java.util.Map<String, String> all = new java.util.HashMap<>(env);
    all.put("SOAKBENCH_JAVA_OPTS", "-Xmx1g " + FAST_DOWNING);
    all.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    return launch(cmd, all, logName);
  }

  private Process launch(List<String> cmd, java.util.Map<String, String> extraEnv, String logName) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve(logName + ".out").toFile())
        .redirectError(dir.resolve(logName + ".err").toFile());
    pb.environment().putAll(env);
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** Waits, at most {@code limit}, until {@code file} has at least {@code lines} lines. */
  static void awaitLines(Path file, int lines, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readAllLines(file).size() >= lines) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(file + " did not reach " + lines + " lines within " + limit);
  }

  static int awaitExit(Process p, Duration limit) throws InterruptedException {
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("process " + p.pid() + " did not exit within " + limit);
    }
    return p.exitValue();
  }

  /** As {@link #awaitExit(Process, Duration)}, with the end of the node's output in the failure message. */
  int awaitExit(Process p, Duration limit, String logName) throws Exception {
    try {
      return awaitExit(p, limit);
    } catch (AssertionError e) {
      String out = output(logName);
      throw new AssertionError(e.getMessage() + "; " + logName + " printed:\n"
          + out.substring(Math.max(0, out.length() - 6000)), e);
    }
  }

  String output(String logName) throws IOException {
    return Files.readString(dir.resolve(logName + ".out")) + Files.readString(dir.resolve(logName + ".err"));
  }

  @Override
  public void close() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
