package org.soakbench.coordinator.stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soakbench.coordinator.record.RecordStore;

/**
 * mlr3resampling's {@code pvalue(score, value.var, digits=3)} and {@code pvalue_downsample(score)}:
 * the statistics tables researchers publish, with the same rows, order, numbers and labels.
 */
public final class PValue {
  private static final String NOTHING_TO_COMPARE =
      "train.subsets has neither 'other' nor 'all', which p-values compare with 'same'";
  private static final List<String> LEVELS = List.of("all", "all-same", "same", "other-same", "other");

  /** The two tables of {@code pvalue()} for one measure. */
  public record Tables(String valueVar, PValueEngine.Result result) {}

  /** The tables of {@code pvalue_downsample()}, with the caption and the factor order of Train_subsets. */
  public record DownsampleTables(String valueVar, String caption, List<String> labelOrder, PValueEngine.Result result) {}

  private PValue() {}

  /** {@code pvalue()}: full-size rows only; throws IllegalArgumentException when nothing can be compared. */
  public static Tables pvalue(List<ScoreRecord> scores, String valueVar) {
    Map<List<String>, List<PValueEngine.Obs>> byRange = new LinkedHashMap<>();
    for (int i = 0; i < scores.size(); i++) {
      ScoreRecord s = scores.get(i);
      PValueEngine.Obs o = fullSize(s, i);
      if (o != null) {
        byRange.computeIfAbsent(o.range(), k -> new ArrayList<>()).add(o);
      }
    }
    List<PValueEngine.Obs> all = byRange.values().stream().flatMap(List::stream).toList();
    requireComparison(all);
    Set<String> compared = PValueEngine.present(all);
    List<PValueEngine.Partial> parts = new ArrayList<>();
    byRange.values().forEach(obs -> parts.add(PValueEngine.part(obs, 3, true, compared)));
    return new Tables(valueVar, PValueEngine.merge(parts));
  }

  /**
   * {@code pvalue()} of a store, one (task, test subset) group at a time, so no table of every split is
   * built; the same tables as {@link #pvalue(List, String)} of its rows in score-table order.
   */
  public static Tables pvalue(RecordStore store, String valueVar) {
    Set<String> compared = compared(store);
    List<PValueEngine.Partial> parts = new ArrayList<>();
    for (int g = 0; g < store.groups().size(); g++) {
      parts.add(part(store, g, valueVar, compared));
    }
    return merge(parts, valueVar);
  }

  /** The sets compared with "same" in a store; throws IllegalArgumentException when there are none. */
  public static Set<String> compared(RecordStore store) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : PValueEngine.COMPARED) {
      if (store.hasFullSizeTrainSubsets(m)) {
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(NOTHING_TO_COMPARE);
    }
    return out;
  }

  /** The tables of one (task, test subset) group of a store, to {@link #merge} with the others. */
  public static PValueEngine.Partial part(RecordStore store, int group, String valueVar, Set<String> compared) {
    List<PValueEngine.Obs> obs = new ArrayList<>();
    for (int row : store.groupRows(group)) {
      PValueEngine.Obs o = fullSize(score(store, row, valueVar), store.order(row));
      if (o != null) {
        obs.add(o);
      }
    }
    return PValueEngine.part(obs, 3, true, compared);
  }

  /** The tables of every group, merged as one computation over all rows would give them. */
  public static Tables merge(java.util.Collection<PValueEngine.Partial> parts, String valueVar) {
    return new Tables(valueVar, PValueEngine.merge(parts.stream().filter(p -> !p.range().isEmpty()).toList()));
  }

  /** The score-table row as the statistics read it; {@code column} NA on error rows. */
  public static ScoreRecord score(RecordStore store, int row, String column) {
    RecordStore.Shape s = store.shape(row);
    return new ScoreRecord(store.task(row).id(), store.learner(row).algorithm(), s.testSubset(), s.trainSubsets(),
        s.groups(), s.testFold(), s.seed(), s.nTrainGroups(), store.value(row, column));
  }

  private static PValueEngine.Obs fullSize(ScoreRecord s, long order) {
    if (s.nTrainGroups() != s.groups()) {
      return null;
    }
    return new PValueEngine.Obs(List.of(s.taskId(), s.testSubset()), List.of(s.algorithm()), s.trainSubsets(),
        s.nTrainGroups(), s.testFold(), s.seed(), s.value(), "", order);
  }

  /** {@code pvalue_downsample()} of the first (task, algorithm, test subset) of {@code scores}. */
  public static DownsampleTables downsample(List<ScoreRecord> scores, String valueVar) {
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("no scores to down-sample");
    }
    ScoreRecord first = scores.get(0);
    List<ScoreRecord> mine = scores.stream().filter(s -> s.taskId().equals(first.taskId())
        && s.algorithm().equals(first.algorithm()) && s.testSubset().equals(first.testSubset())).toList();
    if (mine.stream().noneMatch(s -> s.nTrainGroups() < s.groups())) {
      throw new IllegalArgumentException("scores do not have down-sampled train sets (resampling sizes = -1)");
    }
    int minGroups = mine.stream().mapToInt(ScoreRecord::groups).min().orElseThrow();
    String small = String.valueOf(minGroups);
    List<PValueEngine.Obs> obs = new ArrayList<>();
    for (ScoreRecord s : mine) {
      if (s.nTrainGroups() == s.groups()) {
        obs.add(new PValueEngine.Obs(List.of("full"), List.of(), s.trainSubsets(), s.nTrainGroups(), s.testFold(),
            s.seed(), s.value(), ", N = " + s.nTrainGroups(), 0));
      }
    }
    for (ScoreRecord s : mine) {
      if (s.nTrainGroups() == minGroups) {
        obs.add(new PValueEngine.Obs(List.of(small), List.of(), s.trainSubsets(), s.nTrainGroups(), s.testFold(),
            s.seed(), s.value(), "", 0));
      }
    }
    requireComparison(obs);
    long folds = mine.stream().map(ScoreRecord::testFold).distinct().count();
    String caption = String.format("Test %s (mean ± sd), task: %s, subset: %s, algo: %s, %d folds", valueVar,
        first.taskId(), first.testSubset(), first.algorithm(), folds);
    return new DownsampleTables(valueVar, caption, labelOrder(obs), PValueEngine.compute(obs, 3, false));
  }

  private static void requireComparison(List<PValueEngine.Obs> obs) {
    if (obs.stream().noneMatch(o -> o.trainSubsets().equals("other") || o.trainSubsets().equals("all"))) {
      throw new IllegalArgumentException(NOTHING_TO_COMPARE);
    }
  }

  /** The Train_subsets factor levels of the present sets, then "" (room above the top row in the plot). */
  static List<String> labelOrder(List<PValueEngine.Obs> obs) {
    Set<String> present = new LinkedHashSet<>(List.of("same"));
    for (String m : List.of("other", "all")) {
      if (obs.stream().anyMatch(o -> o.trainSubsets().equals(m))) {
        present.add(m);
        present.add(m + "-same");
      }
    }
    List<String> levels = new ArrayList<>(LEVELS.stream().filter(present::contains).toList());
    levels.add("");
    return levels;
  }
}
