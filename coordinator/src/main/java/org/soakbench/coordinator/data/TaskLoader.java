package org.soakbench.coordinator.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.core.io.NumberInput;
import org.soakbench.coordinator.plan.TaskRoles;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.Digests;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;
import org.soakbench.protocol.TaskSpec;

/**
 * Reads a task's CSV file (header row, comma separated) and checks it against the task's column
 * roles. Every error names the file, the line or column and what was expected.
 */
public final class TaskLoader {
  /** Column names mlr3resampling forbids for the subset role (they clash with its output columns). */
  public static final Set<String> RESERVED =
      Set.of("row_id", "fold", "subset", "group", "display_row", "train.subsets", "test.fold",
          "test.subset", "iteration", "test", "train", "algorithm", "uhash", "nr", "task", "task_id",
          "learner", "learner_id", "resampling", "resampling_id", "prediction");

  private final TaskSpec spec;
  private final Path file;
  private final int folds;
  private List<String> header;
  private CsvColumns table;
  private int nRows;
  private final Map<String, double[]> parsed = new HashMap<>();

  private TaskLoader(TaskSpec spec, int folds) {
    this.spec = spec;
    this.file = Path.of(spec.data());
    this.folds = folds;
  }

  /** Loads and validates one task; {@code folds} is the resampling's K (for size checks). */
  public static LoadedTask load(TaskSpec spec, int folds) {
    return new TaskLoader(spec, folds).load();
  }

  private LoadedTask load() {
    byte[] bytes = read();
    parse(bytes);
    checkRoles();
    TaskKind kind = spec.kind() != null ? spec.kind() : (numericColumn(spec.target()) ? TaskKind.REGRESSION : TaskKind.CLASSIFICATION);
    List<String> classLevels = null;
    double[] target;
    int positive = -1;
    if (kind == TaskKind.REGRESSION) {
      target = numbers(spec.target(), "target");
    } else {
      String[] labels = strings(spec.target(), "target");
      classLevels = levels(labels);
      if (classLevels.size() < 2) {
        throw new BadInputException(file + ": target column '" + spec.target() + "' has a single class '"
            + classLevels.get(0) + "' (classification needs at least 2)");
      }
      target = codes(labels, classLevels);
      positive = 0;
      if (spec.positive() != null) {
        positive = classLevels.indexOf(spec.positive());
        if (positive < 0) {
          throw new BadInputException(file + ": task " + spec.id() + ": positive class '" + spec.positive()
              + "' is not a value of target column '" + spec.target() + "' (values: " + String.join(", ", classLevels) + ")");
        }
      }
    }
    List<FeatureColumn> features = new ArrayList<>();
    for (String name : featureNames()) {
      if (numericColumn(name)) {
        features.add(new FeatureColumn(name, numbers(name, "feature"), null));
      } else {
        String[] values = strings(name, "feature");
        List<String> levels = levels(values);
        features.add(new FeatureColumn(name, codes(values, levels), levels));
      }
    }
    if (features.isEmpty()) {
      throw new BadInputException(file + ": task " + spec.id() + " has no feature columns");
    }
    TaskData data = new TaskData(spec.id(), kind, features, target, classLevels, positive, spec.target());
    TaskRoles roles = roles();
    return new LoadedTask(spec, data, roles, hash(bytes));
  }

  private byte[] read() {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": data file of task '" + spec.id() + "' not found");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read data file: " + e.getMessage());
    }
  }

  /**
   * Reads the CSV column by column: numbers for the features and the target, the text of the role
   * columns (and of a classification target), nothing of the columns no role uses.
   */
  private void parse(byte[] bytes) {
    table = CsvColumns.read(file, bytes, this::keep);
    header = table.header();
    nRows = table.rows();
    if (nRows == 0) {
      throw new BadInputException(file + ": no data rows after the header");
    }
    if (nRows < folds) {
      throw new BadInputException(file + ": " + nRows + " data rows, fewer than folds = " + folds);
    }
  }

  /** What to keep of each column, given the header (called by the reader once it has the header). */
  private CsvColumns.Keep[] keep(List<String> names) {
    header = names; // featureNames() reads it
    Set<String> text = new HashSet<>(spec.stratum());
    for (String role : new String[] {spec.subset(), spec.group(), spec.fold()}) {
      if (role != null) {
        text.add(role);
      }
    }
    if (spec.kind() == TaskKind.CLASSIFICATION) {
      text.add(spec.target());
    }
    Set<String> number = new HashSet<>(featureNames());
    number.add(spec.target());
    CsvColumns.Keep[] keep = new CsvColumns.Keep[names.size()];
    for (int c = 0; c < keep.length; c++) {
      String name = names.get(c);
      keep[c] = text.contains(name) ? CsvColumns.Keep.TEXT
          : number.contains(name) ? CsvColumns.Keep.NUMBER : CsvColumns.Keep.NONE;
    }
    return keep;
  }

  private void checkRoles() {
    Map<String, String> roleOf = new HashMap<>();
    assign(roleOf, spec.target(), "target");
    if (spec.subset() != null) {
      assign(roleOf, spec.subset(), "subset");
      if (RESERVED.contains(spec.subset())) {
        throw new BadInputException(file + ": task " + spec.id() + ": subset column must not be named '" + spec.subset()
            + "' (a reserved name: rename the column)");
      }
    }
    if (spec.group() != null) {
      assign(roleOf, spec.group(), "group");
    }
    if (spec.fold() != null) {
      assign(roleOf, spec.fold(), "fold");
    }
    if (spec.features() != null) {
      for (String f : spec.features()) {
        assign(roleOf, f, "feature");
      }
    }
    for (String s : spec.stratum()) {
      column(s);
      // a stratum may share its column with the subset, fold or target role, as in mlr3 (stratifying
      // by the label is the usual stratification of a classification task)
      String other = roleOf.get(s);
      if (other != null && !other.equals("subset") && !other.equals("fold") && !other.equals("target")) {
        throw new BadInputException(file + ": task " + spec.id() + ": column '" + s + "' has two roles: " + other + " and stratum");
      }
    }
  }

  private void assign(Map<String, String> roleOf, String col, String role) {
    column(col);
    String previous = roleOf.put(col, role);
    if (previous != null) {
      throw new BadInputException(file + ": task " + spec.id() + ": column '" + col + "' has two roles: " + previous + " and " + role);
    }
  }

  private List<String> featureNames() {
    if (spec.features() != null) {
      return spec.features();
    }
    Set<String> taken = new LinkedHashSet<>();
    taken.add(spec.target());
    for (String s : new String[] {spec.subset(), spec.group(), spec.fold()}) {
      if (s != null) {
        taken.add(s);
      }
    }
    taken.addAll(spec.stratum());
    return header.stream().filter(h -> !taken.contains(h)).toList();
  }

  private TaskRoles roles() {
    int n = nRows;
    String[] subset = spec.subset() == null ? null : strings(spec.subset(), "subset");
    int[] stratum = strata();
    int[] group = new int[n];
    Map<String, Integer> groups = new HashMap<>();
    String[] groupValues = spec.group() == null ? null : strings(spec.group(), "group");
    for (int row = 0; row < n; row++) {
      group[row] = groupValues == null ? row : groups.computeIfAbsent(groupValues[row], k -> groups.size());
    }
    int[] fold = spec.fold() == null ? null : folds(group);
    boolean subsetNumeric = subset != null && numericColumn(spec.subset());
    if (fold == null) {
      checkSubsetSizes(subset, group);
    }
    return new TaskRoles(subset, stratum, group, fold, subsetNumeric);
  }

  /** Each row's stratum, numbered from 1 in order of first appearance (all 1 without stratum columns). */
  private int[] strata() {
    int[] stratum = new int[nRows];
    List<String> columns = spec.stratum();
    if (columns.size() == 1) {
      // the usual case, without a key object per row
      String[] values = table.text(index(columns.get(0)));
      Map<String, Integer> strata = new HashMap<>();
      for (int row = 0; row < nRows; row++) {
        stratum[row] = strata.computeIfAbsent(values[row], k -> strata.size() + 1);
      }
      return stratum;
    }
    Map<List<String>, Integer> strata = new HashMap<>();
    for (int row = 0; row < nRows; row++) {
      List<String> key = new ArrayList<>(columns.size());
      for (String s : columns) {
        key.add(table.raw(index(s), row));
      }
      stratum[row] = strata.computeIfAbsent(key, k -> strata.size() + 1);
    }
    return stratum;
  }

  private int[] folds(int[] group) {
    double[] values = numbers(spec.fold(), "fold");
    int[] fold = new int[values.length];
    // group codes are 0..groups-1 and folds >= 1: 0 marks a group not seen yet
    int[] foldOfGroup = new int[java.util.Arrays.stream(group).max().orElse(0) + 1];
    java.util.BitSet seen = new java.util.BitSet();
    for (int row = 0; row < values.length; row++) {
      double v = values[row];
      if (v != Math.rint(v) || v < 1) {
        throw new BadInputException(file + ":" + (row + 2) + ": fold column '" + spec.fold()
            + "': expected an integer >= 1, got " + table.raw(index(spec.fold()), row));
      }
      if (v > values.length) {
        // folds 1..K without gaps need K rows at least: this one leaves a gap whatever the others are
        throw new BadInputException(file + ":" + (row + 2) + ": fold column '" + spec.fold() + "': fold "
            + table.raw(index(spec.fold()), row) + " of " + values.length + " rows leaves a gap (expected folds 1..K without gaps)");
      }
      fold[row] = (int) v;
      seen.set(fold[row]);
      int before = foldOfGroup[group[row]];
      foldOfGroup[group[row]] = fold[row];
      if (before != 0 && before != fold[row]) {
        throw new BadInputException(file + ":" + (row + 2) + ": fold column '" + spec.fold()
            + "' must be constant within each group, but group '" + table.raw(index(spec.group()), row)
            + "' has folds " + before + " and " + fold[row]);
      }
    }
    if (seen.nextClearBit(1) != seen.length()) {
      TreeSet<Integer> found = new TreeSet<>();
      seen.stream().forEach(found::add);
      throw new BadInputException(file + ": fold column '" + spec.fold() + "': expected folds 1.." + found.size()
          + " without gaps, found " + found);
    }
    return fold;
  }

  private void checkSubsetSizes(String[] subset, int[] group) {
    Map<String, Set<Integer>> groupsPerSubset = new LinkedHashMap<>();
    for (int row = 0; row < group.length; row++) {
      String s = subset == null ? "full" : subset[row];
      groupsPerSubset.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(group[row]);
    }
    if (subset == null) {
      Set<Integer> all = groupsPerSubset.get("full");
      if (all.size() < folds) {
        throw new BadInputException(file + ": task " + spec.id() + " has " + all.size() + " groups, fewer than folds = " + folds);
      }
      return;
    }
    for (Map.Entry<String, Set<Integer>> e : groupsPerSubset.entrySet()) {
      if (e.getValue().size() < folds) {
        throw new BadInputException(file + ": subset '" + e.getKey() + "' (column '" + spec.subset() + "') has "
            + e.getValue().size() + (spec.group() == null ? " rows" : " groups") + ", fewer than folds = " + folds);
      }
    }
  }

  private int index(String col) {
    return header.indexOf(col);
  }

  private void column(String col) {
    if (!header.contains(col)) {
      throw new BadInputException(file + ": task " + spec.id() + ": column '" + col + "' not found (columns: "
          + String.join(", ", header) + ")");
    }
  }

  private boolean numericColumn(String col) {
    return parsedNumbers(col) != null;
  }

  /**
   * The column's values as numbers (NaN where missing), or null if a value is not a number; parsed
   * once per column, as the kind check and the values need the same parse.
   */
  private double[] parsedNumbers(String col) {
    if (parsed.containsKey(col)) {
      return parsed.get(col);
    }
    int c = index(col);
    double[] out = table.numbers(c);
    String[] text = table.text(c);
    if (out == null && text != null) {
      out = new double[nRows];
      for (int row = 0; row < nRows; row++) {
        String raw = text[row];
        Double v = CsvColumns.isMissing(raw) ? Double.valueOf(Double.NaN) : parse(raw);
        if (v == null) {
          out = null;
          break;
        }
        out[row] = v;
      }
    }
    parsed.put(col, out);
    return out;
  }

  private double[] numbers(String col, String role) {
    double[] values = parsedNumbers(col);
    int c = index(col);
    for (int row = 0; row < nRows; row++) {
      if (values == null || !Double.isFinite(values[row])) {
        String raw = table.raw(c, row);
        Double v = CsvColumns.isMissing(raw) ? null : parse(raw);
        if (v == null || !Double.isFinite(v)) {
          throw new BadInputException(file + ":" + (row + 2) + ": " + role + " column '" + col
              + "': expected a finite number, got " + (raw.isEmpty() ? "an empty value" : "'" + oneLine(raw) + "'"));
        }
      }
    }
    return values;
  }

  private String[] strings(String col, String role) {
    String[] out = table.text(index(col));
    if (out == null) {
      throw new IllegalStateException("column '" + col + "' was read as numbers only");
    }
    for (int row = 0; row < nRows; row++) {
      String raw = out[row];
      if (CsvColumns.isMissing(raw)) {
        throw new BadInputException(file + ":" + (row + 2) + ": " + role + " column '" + col + "': missing value");
      }
    }
    return out;
  }

  /** A value as an error message can show it, on one line. */
  private static String oneLine(String raw) {
    return raw.replace("\r", "\\r").replace("\n", "\\n");
  }

  private static Double parse(String raw) {
    try {
      // FastDoubleParser (in jackson-core): Double.parseDouble's syntax and its correctly rounded results, faster
      return NumberInput.parseDouble(raw.trim(), true);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The distinct values, sorted as numbers when all are numbers (ties such as "1" and "1.0" stay two
   * levels, in text order), else as text.
   */
  private static List<String> levels(String[] values) {
    List<String> distinct = new ArrayList<>(new java.util.HashSet<>(java.util.Arrays.asList(values)));
    boolean numeric = distinct.stream().allMatch(v -> parse(v) != null);
    Comparator<String> order = numeric
        ? Comparator.<String>comparingDouble(v -> parse(v)).thenComparing(Comparator.naturalOrder())
        : Comparator.naturalOrder();
    distinct.sort(order);
    return distinct;
  }

  private static double[] codes(String[] values, List<String> levels) {
    Map<String, Integer> code = new HashMap<>();
    for (int i = 0; i < levels.size(); i++) {
      code.put(levels.get(i), i);
    }
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = code.get(values[i]);
    }
    return out;
  }

  private String hash(byte[] bytes) {
    // the roles, not the file's location, identify the task: moving the data keeps its hash
    TaskSpec roles = new TaskSpec(spec.id(), null, spec.target(), spec.features(), spec.subset(), spec.stratum(),
        spec.group(), spec.fold(), spec.positive(), spec.kind());
    return Digests.sha256Hex(bytes, roles.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

}
