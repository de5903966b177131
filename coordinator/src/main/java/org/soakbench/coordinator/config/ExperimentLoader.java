package org.soakbench.coordinator.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.ExecutionSpec;
import org.soakbench.protocol.Experiment;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.Measures;
import org.soakbench.protocol.ResamplingSpec;
import org.soakbench.protocol.TaskKind;
import org.soakbench.protocol.TaskSpec;

/**
 * Reads an experiment file (HOCON) into an {@link Experiment}, checking every key. Errors name the
 * file, the line and the key. Data paths are resolved against the experiment file's folder.
 */
public final class ExperimentLoader {
  private static final Set<String> EXPERIMENT_KEYS =
      Set.of("name", "seed", "output", "tasks", "learners", "resampling", "measures", "max-attempts", "hints");
  /** A learner's keys that are not its parameters: they tell the coordinator how to schedule it. */
  private static final Set<String> SCHEDULING_KEYS = Set.of("id", "type", "timeout", "expected-seconds");
  private static final Set<String> TASK_KEYS =
      Set.of("id", "data", "target", "features", "subset", "stratum", "group", "fold", "positive", "type");
  private static final Set<String> RESAMPLING_KEYS =
      Set.of("type", "folds", "seeds", "ratio", "sizes", "ignore-subset", "subsets",
          "group-stratum-algo", "rng", "r-seed", "r-skip");

  private final Path file;

  private ExperimentLoader(Path file) {
    this.file = file;
  }

  public static Experiment load(Path file) {
    return new ExperimentLoader(file).load();
  }

  private Experiment load() {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": experiment file not found");
    }
    Config root;
    try {
      root =
          ConfigFactory.parseFile(
                  file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false))
              .resolve();
    } catch (ConfigException e) {
      throw new BadInputException(oneLine(e.getMessage()));
    }
    if (!root.hasPath("experiment")) {
      throw new BadInputException(file + ": missing the 'experiment { ... }' block");
    }
    for (String key : root.root().keySet()) {
      if (!key.equals("experiment")) {
        throw error(root.root().get(key), key, "unknown top-level key (expected only 'experiment')");
      }
    }
    ConfigObject exp = object(root.root().get("experiment"), "experiment");
    checkKeys(exp, "experiment", EXPERIMENT_KEYS);
    Config c = exp.toConfig();
    String name = c.hasPath("name") ? string(c, "name", "experiment.name") : defaultName();
    long seed = c.hasPath("seed") ? number(c, "seed", "experiment.seed").longValue() : 1L;
    String output = c.hasPath("output") ? string(c, "output", "experiment.output") : "results/" + name;
    List<TaskSpec> tasks = tasks(exp);
    Map<String, Double> timeouts = new LinkedHashMap<>();
    Map<String, Double> expected = new LinkedHashMap<>();
    List<LearnerSpec> learners = learners(exp, timeouts, expected);
    ResamplingSpec resampling = resampling(exp);
    List<String> measures = measures(c);
    int maxAttempts = intAtLeast(c, exp, "max-attempts", "experiment", ExecutionSpec.defaults().maxAttempts(), 1);
    String hints = c.hasPath("hints")
        ? file.toAbsolutePath().getParent().resolve(string(c, "hints", "experiment.hints")).normalize().toString()
        : null;
    return new Experiment(name, seed, output, tasks, learners, resampling, measures,
        new ExecutionSpec(maxAttempts, timeouts, expected, hints));
  }

  private String defaultName() {
    String f = file.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return dot > 0 ? f.substring(0, dot) : f;
  }

  private List<TaskSpec> tasks(ConfigObject exp) {
    ConfigList list = list(exp.get("tasks"), "experiment.tasks");
    if (list.isEmpty()) {
      throw error(exp.get("tasks"), "experiment.tasks", "needs at least one task");
    }
    List<TaskSpec> tasks = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "experiment.tasks[" + i + "]";
      ConfigObject t = object(list.get(i), where);
      checkKeys(t, where, TASK_KEYS);
      Config c = t.toConfig();
      String id = required(c, t, "id", where);
      if (!ids.add(id)) {
        throw error(t.get("id"), where + ".id", "duplicate task id '" + id + "'");
      }
      String data = required(c, t, "data", where);
      String target = required(c, t, "target", where);
      List<String> features = c.hasPath("features") ? stringList(t.get("features"), where + ".features") : null;
      List<String> stratum = c.hasPath("stratum") ? stringOrList(t.get("stratum"), where + ".stratum") : List.of();
      TaskKind kind = null;
      if (c.hasPath("type")) {
        String type = string(c, "type", where + ".type");
        kind = switch (type) {
          case "regression", "regr" -> TaskKind.REGRESSION;
          case "classification", "classif" -> TaskKind.CLASSIFICATION;
          default -> throw error(t.get("type"), where + ".type",
              "expected regression or classification, got '" + type + "'");
        };
      }
      String dataPath = file.toAbsolutePath().getParent().resolve(data).normalize().toString();
      tasks.add(new TaskSpec(id, dataPath, target, features, optional(c, "subset", where),
          stratum, optional(c, "group", where), optional(c, "fold", where), optional(c, "positive", where), kind));
    }
    return tasks;
  }

  private List<LearnerSpec> learners(ConfigObject exp, Map<String, Double> timeouts, Map<String, Double> expected) {
    ConfigList list = list(exp.get("learners"), "experiment.learners");
    if (list.isEmpty()) {
      throw error(exp.get("learners"), "experiment.learners", "needs at least one learner");
    }
    List<LearnerSpec> learners = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "experiment.learners[" + i + "]";
      ConfigObject l = object(list.get(i), where);
      Config c = l.toConfig();
      String id = required(c, l, "id", where);
      if (!ids.add(id)) {
        throw error(l.get("id"), where + ".id", "duplicate learner id '" + id + "'");
      }
      String type = c.hasPath("type") ? string(c, "type", where + ".type") : id;
      Map<String, String> params = new LinkedHashMap<>();
      if (c.hasPath("timeout")) {
        timeouts.put(id, duration(c, l, "timeout", where));
      }
      if (c.hasPath("expected-seconds")) {
        expected.put(id, duration(c, l, "expected-seconds", where));
      }
      for (Map.Entry<String, ConfigValue> e : l.entrySet()) {
        if (SCHEDULING_KEYS.contains(e.getKey())) {
          continue;
        }
        ConfigValue v = e.getValue();
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
          throw error(v, where + "." + e.getKey(), "expected a number or a word");
        }
        params.put(e.getKey(), String.valueOf(v.unwrapped()));
      }
      if (params.containsKey("script")) {
        // the script's text travels with the learner to every worker: no shared file system needed
        Path script = file.toAbsolutePath().getParent().resolve(params.get("script")).normalize();
        if (!Files.isRegularFile(script)) {
          throw error(l.get("script"), where + ".script", "file not found: " + script);
        }
        try {
          params.put(LearnerSpec.SCRIPT_SOURCE, Files.readString(script));
        } catch (IOException | java.io.UncheckedIOException e) {
          throw error(l.get("script"), where + ".script", "cannot read " + script + ": " + e.getMessage());
        }
      }
      learners.add(new LearnerSpec(id, type, params));
    }
    return learners;
  }

  private ResamplingSpec resampling(ConfigObject exp) {
    ResamplingSpec d = ResamplingSpec.defaults();
    if (!exp.containsKey("resampling")) {
      return d;
    }
    String w = "experiment.resampling";
    ConfigObject r = object(exp.get("resampling"), w);
    checkKeys(r, w, RESAMPLING_KEYS);
    Config c = r.toConfig();
    String type = oneOf(c, r, "type", w, d.type(), List.of("soak", "cv"));
    int folds = intAtLeast(c, r, "folds", w, d.folds(), 2);
    int seeds = intAtLeast(c, r, "seeds", w, d.seeds(), 1);
    double ratio = c.hasPath("ratio") ? number(c, "ratio", w + ".ratio").doubleValue() : d.ratio();
    if (!(ratio >= 0 && ratio <= 1)) {
      throw error(r.get("ratio"), w + ".ratio", "expected a number in [0, 1], got " + ratio);
    }
    int sizes = intAtLeast(c, r, "sizes", w, d.sizes(), -1);
    boolean ignore = d.ignoreSubset();
    if (c.hasPath("ignore-subset")) {
      try {
        ignore = c.getBoolean("ignore-subset");
      } catch (ConfigException.WrongType e) {
        throw error(r.get("ignore-subset"), w + ".ignore-subset", "expected true or false");
      }
    }
    String subsets = oneOf(c, r, "subsets", w, d.subsets(), List.of("S", "O", "A", "SO", "SA", "SOA"));
    String algo = oneOf(c, r, "group-stratum-algo", w, d.groupStratumAlgo(),
        List.of("RSS", "Wasikowski", "WasikowskiLimitedMemory"));
    String rng = oneOf(c, r, "rng", w, d.rng(), List.of("soakbench", "r"));
    int rSeed = c.hasPath("r-seed") ? integer(c, r, "r-seed", w) : d.rSeed();
    long rSkip = c.hasPath("r-skip") ? intAtLeast(c, r, "r-skip", w, 0, 0) : d.rSkip();
    if (type.equals("cv")) {
      ignore = true; // plain K-fold CV: SOAK with no subset
    }
    return new ResamplingSpec(type, folds, seeds, ratio, sizes, ignore, subsets, algo, rng, rSeed, rSkip);
  }

  /**
   * A learner's lease timeout or expected seconds: a HOCON duration ("90s", "5 minutes") or a
   * number of seconds.
   */
  private double duration(Config c, ConfigObject l, String key, String where) {
    ConfigValue v = l.get(key);
    double seconds;
    try {
      seconds = v.valueType() == ConfigValueType.NUMBER ? ((Number) v.unwrapped()).doubleValue()
          : c.getDuration(key).toNanos() / 1e9;
    } catch (ConfigException e) {
      throw error(v, where + "." + key, "expected a duration such as 30s or 5 minutes, got " + v.render());
    }
    if (!(seconds > 0)) {
      throw error(v, where + "." + key, "expected a positive duration, got " + v.render());
    }
    return seconds;
  }

  private List<String> measures(Config c) {
    if (!c.hasPath("measures")) {
      return List.of();
    }
    ConfigValue v = c.getValue("measures");
    List<String> names = stringOrList(v, "experiment.measures");
    for (String m : names) {
      if (!Measures.known(m)) {
        throw error(v, "experiment.measures", "unknown measure '" + m + "' (expected one of "
            + String.join(", ", Measures.ALL) + ")");
      }
    }
    return names;
  }

  // ---- typed accessors that turn Config's exceptions into one-line located errors ----

  private void checkKeys(ConfigObject o, String where, Set<String> allowed) {
    for (String key : o.keySet()) {
      if (!allowed.contains(key)) {
        throw error(o.get(key), where + "." + key, "unknown key (expected one of "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private String required(Config c, ConfigObject o, String key, String where) {
    if (!c.hasPath(key)) {
      throw error(o, where, "missing required key '" + key + "'");
    }
    return string(c, key, where + "." + key);
  }

  private String optional(Config c, String key, String where) {
    return c.hasPath(key) ? string(c, key, where + "." + key) : null;
  }

  private String string(Config c, String key, String where) {
    ConfigValue v = c.getValue(key);
    if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER
        && v.valueType() != ConfigValueType.BOOLEAN) {
      throw error(v, where, "expected a string");
    }
    String s = String.valueOf(v.unwrapped());
    if (s.isBlank()) {
      throw error(v, where, "must not be empty");
    }
    return s;
  }

  private Number number(Config c, String key, String where) {
    ConfigValue v = c.getValue(key);
    if (v.valueType() != ConfigValueType.NUMBER) {
      throw error(v, where, "expected a number, got " + v.render());
    }
    return (Number) v.unwrapped();
  }

  private int integer(Config c, ConfigObject o, String key, String w) {
    Number n = number(c, key, w + "." + key);
    if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
      throw error(o.get(key), w + "." + key, "expected an integer, got " + n);
    }
    return n.intValue();
  }

  private int intAtLeast(Config c, ConfigObject o, String key, String w, int dflt, int min) {
    if (!c.hasPath(key)) {
      return dflt;
    }
    int v = integer(c, o, key, w);
    if (v < min) {
      throw error(o.get(key), w + "." + key, "expected an integer >= " + min + ", got " + v);
    }
    return v;
  }

  private String oneOf(Config c, ConfigObject o, String key, String w, String dflt, List<String> allowed) {
    if (!c.hasPath(key)) {
      return dflt;
    }
    String v = string(c, key, w + "." + key);
    if (!allowed.contains(v)) {
      throw error(o.get(key), w + "." + key, "expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }
    return v;
  }

  private ConfigObject object(ConfigValue v, String where) {
    if (v == null || v.valueType() != ConfigValueType.OBJECT) {
      throw error(v, where, "expected an object { ... }");
    }
    return (ConfigObject) v;
  }

  private ConfigList list(ConfigValue v, String where) {
    if (v == null) {
      throw new BadInputException(file + ": missing required key '" + where + "'");
    }
    if (v.valueType() != ConfigValueType.LIST) {
      throw error(v, where, "expected a list [ ... ]");
    }
    return (ConfigList) v;
  }

  private List<String> stringList(ConfigValue v, String where) {
    List<String> out = new ArrayList<>();
    ConfigList l = list(v, where);
    for (int i = 0; i < l.size(); i++) {
      ConfigValue e = l.get(i);
      if (e.valueType() != ConfigValueType.STRING && e.valueType() != ConfigValueType.NUMBER) {
        throw error(e, where + "[" + i + "]", "expected a column name");
      }
      out.add(String.valueOf(e.unwrapped()));
    }
    return out;
  }

  private List<String> stringOrList(ConfigValue v, String where) {
    if (v.valueType() == ConfigValueType.LIST) {
      return stringList(v, where);
    }
    if (v.valueType() != ConfigValueType.STRING) {
      throw error(v, where, "expected a name or a list of names");
    }
    return List.of((String) v.unwrapped());
  }

  private BadInputException error(ConfigValue at, String key, String message) {
    int line = at == null ? -1 : at.origin().lineNumber();
    return new BadInputException(file + (line > 0 ? ":" + line : "") + ": " + key + ": " + message);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ');
  }
}
