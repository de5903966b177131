package org.soakbench.worker.learn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.Digests;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;
import org.soakbench.worker.learn.external.Interpreter;
import org.soakbench.worker.learn.external.TaskFiles;

/**
 * A learner written in R ({@code type = r}) or Python ({@code type = python}): the experiment's
 * {@code script} defines {@code fit(train, params)} and {@code predict(model, test)}. The script's
 * text travels with the learner's spec (the coordinator reads it), so workers need no shared file
 * system. Each split thread keeps one interpreter per learner, started on first use and reused;
 * each task's data reaches a process once, as a file; a split sends only its row ids. Every other
 * key of the learner is passed to the script as {@code params}. Predictions are numbers for a
 * regression task and class labels or class probabilities (a table with a column per class) for a
 * classification one.
 */
public final class ExternalLearner implements LearnerAdapter {
  /** The spec key the loader fills with the script's text. */
  public static final String SOURCE = LearnerSpec.SCRIPT_SOURCE;
  static final Set<String> OWN = Set.of("script", SOURCE, "interpreter", "check");

  private static final ThreadLocal<Map<String, Interpreter>> PROCESSES = ThreadLocal.withInitial(HashMap::new);
  /** Every interpreter started and not yet ended by {@link #reap}, whatever thread owns it. */
  private static final Set<Interpreter> ALL = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /**
   * An interpreter (and a task file) unused this long is ended (deleted): a worker that stays for run
   * after run must not keep the processes and data of runs long over. Its thread starts a new one
   * if a split needs it again; a split never waits this long between its fit and its predict.
   */
  static final java.time.Duration IDLE = java.time.Duration.ofMinutes(5);
  private static java.util.concurrent.ScheduledExecutorService reaper;
  private static final Map<String, Path> FILES = new java.util.concurrent.ConcurrentHashMap<>();
  /** Interpreter and script pairs already checked by {@link #dryRun}: the planner asks once per task. */
  private static final Set<String> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final String type;
  private final String defaultInterpreter;
  private final String helper;

  private ExternalLearner(String type, String defaultInterpreter, String helper) {
    this.type = type;
    this.defaultInterpreter = defaultInterpreter;
    this.helper = helper;
  }

  public static ExternalLearner python() {
    return new ExternalLearner("python", "python3", "soakbench_learner.py");
  }

  public static ExternalLearner r() {
    return new ExternalLearner("r", "Rscript", "soakbench_learner.R");
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Set<String> parameters() {
    return OWN;
  }

  @Override
  public boolean acceptsAnyParameter() {
    return true;
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    String source = p.word(SOURCE, null, null);
    if (source == null) {
      throw new BadInputException("learner type " + type + " needs script = \"file\" (a file defining fit(train, params) "
          + "and predict(model, test))");
    }
    String interpreter = p.word("interpreter", defaultInterpreter, null);
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> e : p.values().entrySet()) {
      if (!OWN.contains(e.getKey())) {
        args.add(e.getKey() + "=" + e.getValue());
      }
    }
    String kindName = kind == TaskKind.CLASSIFICATION ? "classification" : "regression";
    String key = interpreter + "/" + Digests.sha256Hex(source.getBytes(StandardCharsets.UTF_8)) + "/" + args + kindName;
    return (data, rows, split) -> {
      Interpreter process = process(key, interpreter, source, p.word("script", "script", null), kindName, args);
      Path file = TaskFiles.of(data);
      String task = TaskFiles.key(file);
      try {
        if (!process.hasLoaded(task)) {
          process.load(task, data.targetName(), file);
        }
        process.fit(task, split.seed(), rows);
      } catch (IOException e) {
        drop(key, process, e);
        throw e;
      }
      return (d, test) -> {
        try {
          return prediction(d, process.predict(task, test));
        } catch (IOException e) {
          drop(key, process, e);
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      };
    };
  }

  /**
   * Starts the interpreter on the script once, to find a script error or a missing function now
   * (unless the learner says {@code check = false}). An interpreter that is not on this machine may
   * still be on the workers' (R loaded by a job script on the compute nodes only): one warning line,
   * and the workers find out.
   */
  @Override
  public void dryRun(LearnerParams p, String learnerId) {
    String source = p.word(SOURCE, null, null);
    String interpreter = p.word("interpreter", defaultInterpreter, null);
    String scriptName = p.word("script", "script", null);
    String checked = interpreter + "\0" + Digests.sha256Hex(source.getBytes(StandardCharsets.UTF_8));
    if (!p.bool("check", true) || CHECKED.contains(checked)) {
      return; // check = false: the script needs what only the workers have (a package, a file)
    }
    if (!onThisMachine(interpreter)) {
      CHECKED.add(checked);
      System.err.println("soakbench: warning: learner '" + learnerId + "': " + interpreter + " is not on this "
          + "machine (interpreter = ...), so " + scriptName + " is checked on the workers only");
      return;
    }
    List<String> command;
    Process process;
    Path output;
    try {
      command = List.of(interpreter, Interpreter.helper(helper).toString(), scriptFile(source, scriptName).toString(),
          "check");
      // to a file, not a pipe: a script that never finishes loading must not block the read past the time limit
      output = Files.createTempFile("soakbench-check-", ".txt");
      output.toFile().deleteOnExit();
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException("learner '" + learnerId + "': cannot start " + interpreter + " (interpreter = ...): "
          + e.getMessage());
    }
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new BadInputException("learner '" + learnerId + "': " + scriptName + " did not load within 60 s");
      }
      if (process.exitValue() != 0) {
        String[] lines = Files.readString(output).strip().split("\\R");
        throw new BadInputException("learner '" + learnerId + "': " + scriptName + " failed to load: "
            + lines[lines.length - 1]);
      }
    } catch (IOException e) {
      throw new BadInputException("learner '" + learnerId + "': " + scriptName + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return;
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // deleted at exit then
      }
    }
    CHECKED.add(checked);
  }

  /** Whether {@code program} (a path, or a name looked up on PATH) is an executable file here. */
  static boolean onThisMachine(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** A process that failed (not a script error, after which it goes on) is not used again. */
  private static void drop(String key, Interpreter process, IOException e) {
    if (!(e instanceof Interpreter.ScriptError) || !process.alive()) {
      process.close();
      PROCESSES.get().remove(key, process);
    }
  }

  private Interpreter process(String key, String interpreter, String source, String scriptName, String kind,
      List<String> args) throws IOException {
    Map<String, Interpreter> mine = PROCESSES.get();
    Interpreter process = mine.get(key);
    if (process == null || !process.alive()) {
      List<String> command = new ArrayList<>(List.of(interpreter, Interpreter.helper(helper).toString(),
          scriptFile(source, scriptName).toString(), kind));
      command.addAll(args);
      process = new Interpreter(type + " " + scriptName, command);
      mine.put(key, process);
      ALL.add(process);
      startReaper();
    }
    return process;
  }

  private static synchronized void startReaper() {
    if (reaper == null) {
      reaper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soakbench-interpreter-reaper");
        t.setDaemon(true);
        return t;
      });
      long every = IDLE.toNanos() / 10;
      reaper.scheduleWithFixedDelay(() -> reap(IDLE.toNanos()), every, every,
          java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  /** Ends the interpreters and deletes the task files unused for {@code idleNanos}; forgets the ended ones. */
  static void reap(long idleNanos) {
    long now = System.nanoTime();
    ALL.removeIf(p -> !p.alive() || p.closeIfIdle(idleNanos, now));
    TaskFiles.deleteUnused(idleNanos, now);
  }

  private static Prediction prediction(TaskData data, Interpreter.Predictions p) {
    if (p.classes() != null) {
      return probabilities(data, p.classes(), p.probabilities());
    }
    String[] values = p.values();
    double[] response = new double[values.length];
    if (data.kind() == TaskKind.CLASSIFICATION) {
      for (int i = 0; i < values.length; i++) {
        response[i] = classCode(data, values[i], "returned '" + values[i] + "'");
      }
    } else {
      for (int i = 0; i < values.length; i++) {
        response[i] = number(values[i]);
      }
    }
    return new Prediction(response, null);
  }

  /**
   * Class probabilities, one column per class the script named (in any order; a class it left out
   * has probability 0); the response is the most probable class, the first in the task's order on a tie.
   */
  private static Prediction probabilities(TaskData data, String[] classes, String[] values) {
    if (data.kind() != TaskKind.CLASSIFICATION) {
      throw new IllegalArgumentException("predict() returned a table of class probabilities (columns "
          + String.join(", ", classes) + ") for a regression task: return a numeric vector");
    }
    int[] code = new int[classes.length];
    for (int k = 0; k < classes.length; k++) {
      code[k] = classCode(data, classes[k], "returned a probability column '" + classes[k] + "'");
    }
    int n = values.length / Math.max(1, classes.length);
    double[] response = new double[n];
    double[][] probs = new double[n][data.classes()];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < classes.length; k++) {
        probs[i][code[k]] = number(values[i * classes.length + k]);
      }
      int best = 0;
      for (int c = 1; c < probs[i].length; c++) {
        if (probs[i][c] > probs[i][best]) {
          best = c;
        }
      }
      response[i] = best;
    }
    return new Prediction(response, probs);
  }

  private static int classCode(TaskData data, String label, String what) {
    int code = data.classLevels().indexOf(label);
    if (code < 0) {
      throw new IllegalArgumentException("predict() " + what + ", not a class of the task ("
          + String.join(", ", data.classLevels()) + ")");
    }
    return code;
  }

  /** A number as R ({@code NA}, {@code NaN}, {@code Inf}) or Python ({@code nan}, {@code inf}) prints it. */
  static double number(String text) {
    switch (text) {
      case "NA", "NaN", "nan" -> {
        return Double.NaN;
      }
      case "Inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf", "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> { }
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("predict() returned '" + text + "', not a number");
    }
  }

  private Path scriptFile(String source, String name) {
    String file = Path.of(name).getFileName().toString();
    return FILES.computeIfAbsent(Digests.sha256Hex(source.getBytes(StandardCharsets.UTF_8)) + file, h -> {
      try {
        Path dir = Files.createTempDirectory("soakbench-script");
        Path path = dir.resolve(file);
        Files.writeString(path, source);
        path.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return path;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
