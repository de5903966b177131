package org.soakbench.coordinator.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.ResamplingSpec;
import org.soakbench.protocol.SplitSpec;

/**
 * Instantiates mlr3resampling's {@code ResamplingSameOtherSizesCV} for one task: fold ids, the
 * iteration table and the down-sampled train groups, drawing every permutation from the given
 * source in R's order (one {@code sample(N)} for folds unless a fold column is given, then one
 * permutation per iteration row and seed). Plain K-fold CV is the case without a subset column.
 */
public final class SoakPlanner {
  private static final String FULL = "full";

  private final ResamplingSpec spec;

  public SoakPlanner(ResamplingSpec spec) {
    this.spec = spec;
  }

  public ResamplingInstance instantiate(TaskRoles roles, PermutationSource random) {
    int n = roles.rows();
    int folds = spec.folds();
    boolean noSubset = spec.ignoreSubset() || roles.subset() == null;
    List<String> levels = subsetLevels(roles, noSubset);
    int[] subset = new int[n];
    for (int row = 0; row < n; row++) {
      subset[row] = noSubset ? 0 : levels.indexOf(roles.subset()[row]);
    }
    List<String> trainSubsets = trainSubsets(levels.size());

    // Step 3: nominal train sizes per test subset.
    int[] same = new int[levels.size()];
    for (int s = 0; s < levels.size(); s++) {
      Set<Integer> groupsIn = new LinkedHashSet<>();
      for (int row = 0; row < n; row++) {
        if (subset[row] == s) {
          groupsIn.add(roles.group()[row]);
        }
      }
      same[s] = (int) ((double) (groupsIn.size() * (folds - 1)) / folds);
    }
    int all = Arrays.stream(same).sum();

    // Step 4: folds.
    int[] fold = roles.fold();
    if (fold == null) {
      int[] randomOrder = random.permutation(n);
      fold =
          StratifiedGroupFolds.assign(
              spec.groupStratumAlgo(), roles.stratum(), roles.group(), randomOrder, folds);
    }

    // Step 5: (train.subsets, test.fold, test.subset) triples in setkey order.
    TreeSet<int[]> foldSubset =
        new TreeSet<>(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
    for (int row = 0; row < n; row++) {
      foldSubset.add(new int[] {fold[row], subset[row]});
    }
    List<String> sortedTrainSubsets = new ArrayList<>(trainSubsets);
    sortedTrainSubsets.sort(Comparator.naturalOrder());

    // Step 6: the train_groups of each test subset.
    List<int[]> trainGroups = new ArrayList<>();
    for (int s = 0; s < levels.size(); s++) {
      List<Double> values = new ArrayList<>();
      for (String ts : trainSubsets) {
        values.add((double) nominal(ts, same[s], all));
      }
      if (spec.sizes() >= 1) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        for (int k = 1; k <= spec.sizes(); k++) {
          values.add(min * Math.pow(spec.ratio(), k));
        }
      }
      trainGroups.add(values.stream().sorted().mapToInt(Double::intValue).distinct().toArray());
    }

    // Step 7: train/test sets; one permutation per (iteration row, seed).
    List<SplitSpec> iterations = new ArrayList<>();
    for (String ts : sortedTrainSubsets) {
      for (int[] fs : foldSubset) {
        int testFold = fs[0];
        int s = fs[1];
        int groups = nominal(ts, same[s], all);
        int[] nvec = trainSizes(groups, trainGroups.get(s));
        for (int seed = 1; seed <= spec.seeds(); seed++) {
          double[] value = pairValues(roles, subset, fold, ts, s, testFold, nvec, random);
          for (int nTrain : nvec) {
            iterations.add(
                new SplitSpec(
                    iterations.size() + 1,
                    levels.get(s),
                    ts,
                    groups,
                    testFold,
                    seed,
                    nTrain,
                    chosenGroups(value, nTrain)));
          }
        }
      }
    }
    return new ResamplingInstance(levels, subset, roles.group(), fold, iterations);
  }

  private int[] trainSizes(int groups, int[] trainGroups) {
    if (spec.sizes() >= 1) {
      return Arrays.stream(trainGroups).filter(v -> v <= groups).toArray();
    }
    if (spec.sizes() == 0) {
      int min = trainGroups[0];
      return min == groups ? new int[] {groups} : new int[] {groups, min};
    }
    return new int[] {groups};
  }

  /**
   * The down-sampling value of each group code (NaN for groups that are not candidates): the unique
   * (group, stratum) pairs of the candidate rows are permuted, and within each stratum the k-th of
   * m pairs gets {@code max(nvec) * (k/m)}. A group spanning strata keeps its smallest value.
   */
  private double[] pairValues(
      TaskRoles roles, int[] subset, int[] fold, String ts, int s, int testFold, int[] nvec,
      PermutationSource random) {
    Map<Long, int[]> pairs = new LinkedHashMap<>();
    for (int row = 0; row < fold.length; row++) {
      if (fold[row] != testFold && inTrain(ts, subset[row] == s)) {
        int g = roles.group()[row];
        int st = roles.stratum()[row];
        pairs.putIfAbsent(((long) g << 32) | st, new int[] {g, st});
      }
    }
    List<int[]> unique = new ArrayList<>(pairs.values());
    int[] perm = random.permutation(unique.size());
    Map<Integer, Integer> perStratum = new LinkedHashMap<>();
    for (int[] p : unique) {
      perStratum.merge(p[1], 1, Integer::sum);
    }
    int maxN = Arrays.stream(nvec).max().orElseThrow();
    Map<Integer, Integer> seen = new LinkedHashMap<>();
    double[] value = new double[maxOf(roles.group()) + 1];
    Arrays.fill(value, Double.NaN);
    for (int i : perm) {
      int[] p = unique.get(i - 1);
      int k = seen.merge(p[1], 1, Integer::sum);
      double v = maxN * ((double) k / perStratum.get(p[1]));
      value[p[0]] = Double.isNaN(value[p[0]]) ? v : Math.min(value[p[0]], v);
    }
    return value;
  }

  private static int[] chosenGroups(double[] value, int nTrain) {
    List<Integer> chosen = new ArrayList<>();
    boolean all = true;
    for (int g = 0; g < value.length; g++) {
      if (Double.isNaN(value[g])) {
        continue;
      }
      if (value[g] <= nTrain) {
        chosen.add(g);
      } else {
        all = false;
      }
    }
    return all ? null : chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private List<String> subsetLevels(TaskRoles roles, boolean noSubset) {
    if (noSubset) {
      return List.of(FULL);
    }
    TreeSet<String> sorted =
        roles.subsetNumeric()
            ? new TreeSet<>(Comparator.comparingDouble(Double::parseDouble))
            : new TreeSet<>(Comparator.naturalOrder());
    sorted.addAll(Arrays.asList(roles.subset()));
    return new ArrayList<>(sorted);
  }

  private List<String> trainSubsets(int nSubsets) {
    if (nSubsets == 1) {
      return List.of("same");
    }
    return switch (spec.subsets()) {
      case "S" -> List.of("same");
      case "O" -> List.of("other");
      case "A" -> List.of("all");
      case "SO" -> List.of("same", "other");
      case "SA" -> List.of("same", "all");
      case "SOA" -> List.of("same", "other", "all");
      default -> throw new IllegalArgumentException("subsets must be one of S, O, A, SO, SA, SOA");
    };
  }

  private static int nominal(String trainSubsets, int same, int all) {
    return switch (trainSubsets) {
      case "same" -> same;
      case "other" -> all - same;
      default -> all;
    };
  }

  private static boolean inTrain(String trainSubsets, boolean sameSubset) {
    return switch (trainSubsets) {
      case "same" -> sameSubset;
      case "other" -> !sameSubset;
      default -> true;
    };
  }

  private static int maxOf(int[] xs) {
    return Arrays.stream(xs).max().orElse(0);
  }
}
