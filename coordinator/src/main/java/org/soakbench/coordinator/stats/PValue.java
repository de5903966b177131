package org.soakbench.coordinator.stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * mlr3resampling's {@code pvalue(score, value.var, digits=3)} and {@code pvalue_downsample(score)}:
 * the statistics tables researchers publish, with the same rows, order, numbers and labels.
 */
public final class PValue {
  private static final List<String> LEVELS = List.of("all", "all-same", "same", "other-same", "other");

  /** The two tables of {@code pvalue()} for one measure. */
  public record Tables(String valueVar, PValueEngine.Result result) {}

  /** The tables of {@code pvalue_downsample()}, with the caption and the factor order of Train_subsets. */
  public record DownsampleTables(String valueVar, String caption, List<String> labelOrder, PValueEngine.Result result) {}

  private PValue() {}

  /** {@code pvalue()}: full-size rows only; throws IllegalArgumentException when nothing can be compared. */
  public static Tables pvalue(List<ScoreRecord> scores, String valueVar) {
    List<PValueEngine.Obs> obs = new ArrayList<>();
    for (ScoreRecord s : scores) {
      if (s.nTrainGroups() == s.groups()) {
        obs.add(new PValueEngine.Obs(List.of(s.taskId(), s.testSubset()), List.of(s.algorithm()), s.trainSubsets(),
            s.nTrainGroups(), s.testFold(), s.seed(), s.value(), ""));
      }
    }
    requireComparison(obs);
    return new Tables(valueVar, PValueEngine.compute(obs, 3, true));
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
            s.seed(), s.value(), ", N = " + s.nTrainGroups()));
      }
    }
    for (ScoreRecord s : mine) {
      if (s.nTrainGroups() == minGroups) {
        obs.add(new PValueEngine.Obs(List.of(small), List.of(), s.trainSubsets(), s.nTrainGroups(), s.testFold(),
            s.seed(), s.value(), ""));
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
      throw new IllegalArgumentException("train.subsets has neither 'other' nor 'all', which p-values compare with 'same'");
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
