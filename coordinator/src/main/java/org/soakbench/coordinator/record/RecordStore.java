package org.soakbench.coordinator.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.stream.IntStream;
import org.soakbench.protocol.SplitJob;

/**
 * Every recorded split of a run, in columns: primitives per split and interned strings (task,
 * learner, split shape, worker), so a million records take about 100 MB and the score table,
 * the statistics and the report read them without an object graph per split. Rows are numbered in
 * the order they were added; {@link #sortedRows()} gives score-table order.
 *
 * <p>Rows are also grouped by (task, test subset), the unit the statistics are computed in, so
 * live statistics recompute only the groups that changed.
 */
public final class RecordStore {
  /** An NA measure (null in the journal) is stored as this NaN payload, which arithmetic never produces. */
  private static final long NA_BITS = 0x7ff80000deadbeefL;
  private static final int KEY_BITS = 21;

  /** What every record of one task shares. */
  public record TaskKey(int index, String id, String hash, List<String> measures) {}

  /** What every record of one learner shares. */
  public record LearnerKey(int index, String id) {
    /** mlr3resampling's {@code sub(".*[.]", "", learner_id)}. */
    public String algorithm() {
      return id.substring(id.lastIndexOf('.') + 1);
    }
  }

  /** Which split of its task a record is. */
  public record Shape(String testSubset, String trainSubsets, int groups, int testFold, int seed, int nTrainGroups) {}

  /** A worker as its records name it. */
  public record WorkerKey(String name, int slots) {}

  /** The unit of the statistics: one task and test subset. */
  public record Group(String taskId, String testSubset) {}

  private final Interner<TaskKey> tasks = new Interner<>();
  private final Interner<LearnerKey> learners = new Interner<>();
  private final Interner<Shape> shapes = new Interner<>();
  private final Interner<WorkerKey> workers = new Interner<>();
  private final Interner<Group> groups = new Interner<>();
  private final List<IntList> groupRows = new ArrayList<>();
  private final Map<String, Integer> columnIndex = new LinkedHashMap<>();
  private final List<String> columns = new ArrayList<>();
  private final Map<Integer, String> errors = new HashMap<>();
  private final Map<Integer, String> unusualIds = new HashMap<>();

  private int size;
  private int[] task = new int[0];
  private int[] learner = new int[0];
  private int[] iteration = new int[0];
  private int[] shape = new int[0];
  private int[] group = new int[0];
  private int[] nTrain = new int[0];
  private int[] nTest = new int[0];
  private int[] worker = new int[0];
  private int[] attempts = new int[0];
  private double[] trainSeconds = new double[0];
  private double[] predictSeconds = new double[0];
  private long[] assignedAt = new long[0];
  private long[] recordedAt = new long[0];
  private double[][] values = new double[0][];
  private int[] sorted;

  public RecordStore() {
    this(16);
  }

  /** A store with room for {@code expected} records before its columns grow. */
  public RecordStore(int expected) {
    grow(Math.max(16, expected));
  }

  /** A store of {@code records}, in their order. */
  public static RecordStore of(java.util.Collection<SplitRecord> records) {
    RecordStore store = new RecordStore(records.size());
    records.forEach(store::add);
    return store;
  }

  /** Adds one record; returns its row number. */
  public int add(SplitRecord r) {
    if (size == task.length) {
      grow(size + (size >> 1));
    }
    int row = size++;
    List<String> measures = List.copyOf(r.measures().keySet());
    task[row] = tasks.code(new TaskKey(r.taskIndex(), r.taskId(), r.taskHash(), measures));
    learner[row] = learners.code(new LearnerKey(r.learnerIndex(), r.learnerId()));
    iteration[row] = r.iteration();
    shape[row] = shapes.code(new Shape(r.testSubset(), r.trainSubsets(), r.groups(), r.testFold(), r.seed(),
        r.nTrainGroups()));
    int g = groups.code(new Group(r.taskId(), r.testSubset()));
    if (g == groupRows.size()) {
      groupRows.add(new IntList());
    }
    groupRows.get(g).add(row);
    group[row] = g;
    nTrain[row] = r.nTrain();
    nTest[row] = r.nTest();
    worker[row] = workers.code(new WorkerKey(r.worker(), r.workerSlots()));
    attempts[row] = r.attempts();
    trainSeconds[row] = r.trainSeconds();
    predictSeconds[row] = r.predictSeconds();
    assignedAt[row] = r.assignedAt();
    recordedAt[row] = r.recordedAt();
    for (Map.Entry<String, Double> m : r.measures().entrySet()) {
      Double v = m.getValue();
      column(m.getKey())[row] = v == null ? Double.longBitsToDouble(NA_BITS) : v;
    }
    if (r.error() != null) {
      errors.put(row, r.error());
    }
    if (!SplitJob.idOf(r.taskId(), r.learnerId(), r.iteration()).equals(r.id())) {
      unusualIds.put(row, r.id());
    }
    sorted = null;
    return row;
  }

  public int size() {
    return size;
  }

  /** Error rows. */
  public int failed() {
    return errors.size();
  }

  public boolean failed(int row) {
    return errors.containsKey(row);
  }

  public String error(int row) {
    return errors.get(row);
  }

  /** The error rows, in score-table order. */
  public int[] failedRows() {
    return errors.keySet().stream().sorted(Comparator.comparingLong(this::order)).mapToInt(Integer::intValue).toArray();
  }

  public TaskKey task(int row) {
    return tasks.value(task[row]);
  }

  public LearnerKey learner(int row) {
    return learners.value(learner[row]);
  }

  public int iteration(int row) {
    return iteration[row];
  }

  public Shape shape(int row) {
    return shapes.value(shape[row]);
  }

  public WorkerKey worker(int row) {
    return workers.value(worker[row]);
  }

  /** The worker's number in {@link #workers()}. */
  public int workerCode(int row) {
    return worker[row];
  }

  public int nTrain(int row) {
    return nTrain[row];
  }

  public int nTest(int row) {
    return nTest[row];
  }

  public int attempts(int row) {
    return attempts[row];
  }

  public double trainSeconds(int row) {
    return trainSeconds[row];
  }

  public double predictSeconds(int row) {
    return predictSeconds[row];
  }

  public long assignedAt(int row) {
    return assignedAt[row];
  }

  public long recordedAt(int row) {
    return recordedAt[row];
  }

  public String id(int row) {
    String odd = unusualIds.get(row);
    return odd != null ? odd : SplitJob.idOf(task(row).id(), learner(row).id(), iteration[row]);
  }

  /** Every task, learner and worker seen, in order of first appearance. */
  public List<TaskKey> tasks() {
    return tasks.values();
  }

  public List<LearnerKey> learners() {
    return learners.values();
  }

  public List<WorkerKey> workers() {
    return workers.values();
  }

  /** Whether the row's task measures {@code column}. */
  public boolean has(int row, String column) {
    return task(row).measures().contains(column);
  }

  /** The value of measure {@code column}: null when NA (or not a measure of the row's task). */
  public Double value(int row, String column) {
    Integer c = columnIndex.get(column);
    if (c == null || !has(row, column)) {
      return null;
    }
    double v = values[c][row];
    return Double.doubleToRawLongBits(v) == NA_BITS ? null : v;
  }

  /** Every measure column, in order of first use in score-table order (as the score table lists them). */
  public List<String> measureColumns() {
    List<TaskKey> byIndex = new ArrayList<>(tasks.values());
    byIndex.sort(Comparator.comparingInt(TaskKey::index)); // stable: equal indices keep first appearance
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    byIndex.forEach(t -> out.addAll(t.measures()));
    return List.copyOf(out);
  }

  /** Row numbers in score-table order: task, learner (experiment order), iteration; ties in row order. */
  public synchronized int[] sortedRows() {
    // synchronized: the outputs' threads (score table, both figures) ask at once and share one sort
    if (sorted == null) {
      long[] keys = new long[size];
      for (int row = 0; row < size; row++) {
        keys[row] = order(row);
      }
      sorted = IntStream.range(0, size).boxed().sorted(Comparator.comparingLong(row -> keys[row])).mapToInt(i -> i)
          .toArray();
    }
    return sorted;
  }

  /**
   * A number that orders rows as the score table does (task index, learner index, iteration), for
   * indices and iterations below 2^21 each.
   */
  public long order(int row) {
    return ((long) Math.min(task(row).index(), (1 << KEY_BITS) - 1) << (2 * KEY_BITS))
        | ((long) Math.min(learner(row).index(), (1 << KEY_BITS) - 1) << KEY_BITS)
        | Math.min(iteration[row], (1 << KEY_BITS) - 1);
  }

  /** The records in score-table order, each built when read (nothing is held per record). */
  public List<SplitRecord> sortedRecords() {
    int[] rows = sortedRows();
    return new ReadOnly(rows);
  }

  /** One record as it was added. */
  public SplitRecord get(int row) {
    TaskKey t = task(row);
    LearnerKey l = learner(row);
    Shape s = shape(row);
    WorkerKey w = worker(row);
    Map<String, Double> measures = new LinkedHashMap<>();
    t.measures().forEach(m -> measures.put(m, value(row, m)));
    return new SplitRecord(id(row), t.id(), t.hash(), t.index(), l.id(), l.index(), iteration[row], s.testSubset(),
        s.trainSubsets(), s.groups(), s.testFold(), s.seed(), s.nTrainGroups(), measures, nTrain[row], nTest[row],
        trainSeconds[row], predictSeconds[row], w.name(), w.slots(), attempts[row], assignedAt[row], recordedAt[row],
        errors.get(row));
  }

  /** The statistics' groups (task, test subset), in order of first appearance. */
  public List<Group> groups() {
    return groups.values();
  }

  /** The group of a row, its number in {@link #groups()}. */
  public int groupOf(int row) {
    return group[row];
  }

  /** The rows of group {@code g} in score-table order. */
  public int[] groupRows(int g) {
    int[] rows = groupRows.get(g).toArray();
    return IntStream.of(rows).boxed().sorted(Comparator.comparingLong(this::order)).mapToInt(i -> i).toArray();
  }

  /** Whether any row was trained on {@code trainSubsets} ("same", "other", "all") at full size. */
  public boolean hasFullSizeTrainSubsets(String trainSubsets) {
    return shapes.values().stream().anyMatch(s -> s.trainSubsets().equals(trainSubsets) && s.nTrainGroups() == s.groups());
  }

  private double[] column(String name) {
    Integer c = columnIndex.get(name);
    if (c == null) {
      c = columns.size();
      columns.add(name);
      columnIndex.put(name, c);
      values = Arrays.copyOf(values, c + 1);
      values[c] = new double[task.length];
    }
    return values[c];
  }

  private void grow(int capacity) {
    task = Arrays.copyOf(task, capacity);
    learner = Arrays.copyOf(learner, capacity);
    iteration = Arrays.copyOf(iteration, capacity);
    shape = Arrays.copyOf(shape, capacity);
    group = Arrays.copyOf(group, capacity);
    nTrain = Arrays.copyOf(nTrain, capacity);
    nTest = Arrays.copyOf(nTest, capacity);
    worker = Arrays.copyOf(worker, capacity);
    attempts = Arrays.copyOf(attempts, capacity);
    trainSeconds = Arrays.copyOf(trainSeconds, capacity);
    predictSeconds = Arrays.copyOf(predictSeconds, capacity);
    assignedAt = Arrays.copyOf(assignedAt, capacity);
    recordedAt = Arrays.copyOf(recordedAt, capacity);
    for (int c = 0; c < values.length; c++) {
      values[c] = Arrays.copyOf(values[c], capacity);
    }
  }

  /** Values numbered in order of first appearance. */
  private static final class Interner<T> {
    private final Map<T, Integer> codes = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    int code(T value) {
      Integer c = codes.get(value);
      if (c == null) {
        c = values.size();
        codes.put(value, c);
        values.add(value);
      }
      return c;
    }

    T value(int code) {
      return values.get(code);
    }

    List<T> values() {
      return java.util.Collections.unmodifiableList(values);
    }
  }

  /** A growable list of ints. */
  private static final class IntList {
    private int[] items = new int[8];
    private int n;

    void add(int v) {
      if (n == items.length) {
        items = Arrays.copyOf(items, n * 2);
      }
      items[n++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(items, n);
    }
  }

  /** The records of some rows, built on each read. */
  private final class ReadOnly extends java.util.AbstractList<SplitRecord> implements RandomAccess {
    private final int[] rows;

    ReadOnly(int[] rows) {
      this.rows = rows;
    }

    @Override
    public SplitRecord get(int index) {
      return RecordStore.this.get(rows[index]);
    }

    @Override
    public int size() {
      return rows.length;
    }
  }
}
