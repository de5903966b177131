package org.soakbench.coordinator.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
        int maxN = Arrays.stream(nvec).max().orElseThrow();
        for (int seed = 1; seed <= spec.seeds(); seed++) {
          double[] value = pairValues(roles, subset, fold, ts, s, testFold, nvec, maxN, random);
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
                    // at the largest size every candidate group is chosen (each value is at most maxN)
                    nTrain == maxN ? null : chosenGroups(value, nTrain)));
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
   * Null when {@code nvec} has one size: nothing to down-sample (the permutation is drawn all the same).
   */
  private double[] pairValues(
      TaskRoles roles, int[] subset, int[] fold, String ts, int s, int testFold, int[] nvec, int maxN,
      PermutationSource random) {
    int[] group = roles.group();
    int[] stratum = roles.stratum();
    int groups = maxOf(group) + 1;
    int strata = maxOf(stratum) + 1;
    // the distinct (group, stratum) pairs of the candidate rows, in order of first appearance; with
    // primitives only, as a task of 200,000 one-row groups has that many pairs in every split
    int[] pairGroup = new int[fold.length];
    int[] pairStratum = new int[fold.length];
    int n = 0;
    boolean bitmap = (long) groups * strata <= 1L << 28;
    java.util.BitSet seenPair = bitmap ? new java.util.BitSet() : null;
    java.util.Set<Long> seenPairs = bitmap ? null : new java.util.HashSet<>();
    boolean takesSame = inTrain(ts, true);
    boolean takesOther = inTrain(ts, false);
    for (int row = 0; row < fold.length; row++) {
      if (fold[row] != testFold && (subset[row] == s ? takesSame : takesOther)) {
        int g = group[row];
        int st = stratum[row];
        boolean fresh;
        if (bitmap) {
          int key = g * strata + st;
          fresh = !seenPair.get(key);
          seenPair.set(key);
        } else {
          fresh = seenPairs.add(((long) g << 32) | st);
        }
        if (fresh) {
          pairGroup[n] = g;
          pairStratum[n++] = st;
        }
      }
    }
    // drawn even when unused: the permutations must follow R's sequence of draws
    int[] perm = random.permutation(n);
    if (nvec.length == 1) {
      return null; // one size, the full one: nothing is down-sampled
    }
    int[] perStratum = new int[strata];
    for (int i = 0; i < n; i++) {
      perStratum[pairStratum[i]]++;
    }
    int[] seen = new int[strata];
    double[] value = new double[groups];
    Arrays.fill(value, Double.NaN);
    for (int i : perm) {
      int g = pairGroup[i - 1];
      int st = pairStratum[i - 1];
      int k = ++seen[st];
      double v = maxN * ((double) k / perStratum[st]);
      value[g] = Double.isNaN(value[g]) ? v : Math.min(value[g], v);
    }
    return value;
  }

  private static int[] chosenGroups(double[] value, int nTrain) {
    int[] chosen = new int[value.length];
    int n = 0;
    boolean all = true;
    for (int g = 0; g < value.length; g++) {
      if (Double.isNaN(value[g])) {
        continue;
      }
      if (value[g] <= nTrain) {
        chosen[n++] = g;
      } else {
        all = false;
      }
    }
    return all ? null : Arrays.copyOf(chosen, n);
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
