package org.soakbench.coordinator.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The computation shared by {@code pvalue()} and {@code pvalue_downsample()}: mean and SD per
 * panel and train subsets, the plotting range of each panel, and paired/Welch t-tests of "other"
 * and "all" against "same", paired by test fold and seed.
 */
public final class PValueEngine {
  /**
   * One observation. {@code range} keys the plotting range (task and subset, or sample size);
   * {@code panel} adds what separates comparisons inside it (the algorithm, or nothing).
   */
  public record Obs(List<String> range, List<String> panel, String trainSubsets, int nTrainGroups, int testFold, int seed,
      Double value, String labelSuffix, long order) {}

  /** The plotting range of a panel group. */
  public record Range(double min, double midLo, double mid, double midHi, double max) {
    static Range of(double min, double max) {
      return new Range(min, min * 2 / 3 + max * 1 / 3, (min + max) / 2, min * 1 / 3 + max * 2 / 3, max);
    }
  }

  public record StatsRow(List<String> range, List<String> panel, Range r, String trainSubsets, int nTrainGroups,
      Double mean, Double sd, int length, Double lo, Double hi, double hjust, String label) {}

  public record PvalRow(List<String> range, List<String> panel, Range r, String trainSubsets, Double meanDiff, Double pPaired,
      Double pUnpaired, Double sameMean, Double compareMean, int n, Double pmin, Double pmax, double hjust,
      String label, Double textValue) {}

  public record Result(List<StatsRow> stats, List<PvalRow> pvals) {}

  /**
   * The rows of one range group, computed alone: {@code firstSeen} holds, per stats row, the order
   * of its first observation, so the groups merge into the order one computation over all rows gives.
   */
  public record Partial(List<String> range, List<StatsRow> stats, long[] firstSeen, List<PvalRow> pvals) {}

  /** The comparisons with "same" that pvalue() reports: each one present anywhere in the data. */
  static final List<String> COMPARED = List.of("other", "all");

  private PValueEngine() {}

  /**
   * @param sortPanels order the comparisons by panel key (as data.table's dcast does for pvalue),
   *     or keep the order of first appearance (the sample-size factor of pvalue_downsample)
   */
  static Result compute(List<Obs> obs, int digits, boolean sortPanels) {
    Partial p = part(obs, digits, sortPanels, present(obs));
    return new Result(p.stats(), p.pvals());
  }

  /** Which of "other" and "all" the observations hold. */
  static java.util.Set<String> present(List<Obs> obs) {
    java.util.Set<String> out = new java.util.HashSet<>();
    obs.forEach(o -> out.add(o.trainSubsets()));
    out.retainAll(COMPARED);
    return out;
  }

  /**
   * The tables of observations in score-table order; {@code compared} are the train subsets compared with
   * "same" (those present in the whole data, so that a group computed alone gives the rows it would in all).
   */
  static Partial part(List<Obs> obs, int digits, boolean sortPanels, java.util.Set<String> compared) {
    // stats, in order of first appearance of (range, panel, train subsets, size)
    Map<List<Object>, List<Obs>> groups = new LinkedHashMap<>();
    for (Obs o : obs) {
      groups.computeIfAbsent(List.of(o.range(), o.panel(), o.trainSubsets(), o.nTrainGroups()), k -> new ArrayList<>())
          .add(o);
    }
    // first the summaries (and the extent of each range group), then the rows that need the range
    record Summary(Obs first, Double mean, Double sd, int n, Double lo, Double hi) {}
    Map<List<String>, double[]> extent = new LinkedHashMap<>();
    List<Summary> summaries = new ArrayList<>();
    for (List<Obs> g : groups.values()) {
      List<Double> values = g.stream().map(Obs::value).toList();
      Double mean = RStats.mean(values);
      Double sd = RStats.sd(values);
      Double lo = mean == null || sd == null ? null : mean - sd;
      Double hi = mean == null || sd == null ? null : mean + sd;
      double[] e = extent.computeIfAbsent(g.get(0).range(), k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
      if (lo != null && !Double.isNaN(lo)) {
        e[0] = Math.min(e[0], lo);
      }
      if (hi != null && !Double.isNaN(hi)) {
        e[1] = Math.max(e[1], hi);
      }
      summaries.add(new Summary(g.get(0), mean, sd, g.size(), lo, hi));
    }
    Map<List<String>, Range> ranges = new LinkedHashMap<>();
    extent.forEach((k, e) -> ranges.put(k, Range.of(e[0], e[1])));
    List<StatsRow> stats = new ArrayList<>();
    long[] firstSeen = new long[summaries.size()];
    for (Summary sm : summaries) {
      firstSeen[stats.size()] = sm.first().order();
      Obs o = sm.first();
      Range r = ranges.get(o.range());
      double hjust = sm.mean() != null && sm.mean() < r.midLo() ? 0 : sm.mean() != null && sm.mean() > r.midHi() ? 1 : 0.5;
      String label = RStats.fixed(sm.mean(), digits) + " ± " + RStats.fixed(sm.sd(), digits) + o.labelSuffix();
      stats.add(new StatsRow(o.range(), o.panel(), r, o.trainSubsets(), o.nTrainGroups(), sm.mean(), sm.sd(), sm.n(),
          sm.lo(), sm.hi(), hjust, label));
    }
    List<String> range = obs.isEmpty() ? List.of() : obs.get(0).range();
    return new Partial(range, stats, firstSeen, pvalues(obs, ranges, sortPanels, compared));
  }

  /**
   * The tables of range groups computed alone, as one computation over all their rows gives them (with
   * panels sorted): stats rows by first appearance, comparisons by compared set, then range and panel.
   */
  static Result merge(java.util.Collection<Partial> parts) {
    record Seen(long order, StatsRow row) {}
    List<Seen> seen = new ArrayList<>();
    for (Partial p : parts) {
      for (int i = 0; i < p.stats().size(); i++) {
        seen.add(new Seen(p.firstSeen()[i], p.stats().get(i)));
      }
    }
    seen.sort(Comparator.comparingLong(Seen::order)); // stable: ties keep group order
    List<Partial> byRange = new ArrayList<>(parts);
    byRange.sort((a, b) -> BY_KEY.compare(a.range(), b.range()));
    List<PvalRow> pvals = new ArrayList<>();
    for (String compared : COMPARED) {
      for (Partial p : byRange) {
        p.pvals().stream().filter(r -> r.trainSubsets().equals(compared + "-same")).forEach(pvals::add);
      }
    }
    return new Result(seen.stream().map(Seen::row).toList(), pvals);
  }

  private static final Comparator<List<String>> BY_KEY = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private static List<PvalRow> pvalues(List<Obs> obs, Map<List<String>, Range> ranges, boolean sortPanels,
      java.util.Set<String> comparedSets) {
    // wide table: per (range, panel) and (test fold, seed), the value of each train subsets
    Map<List<String>, Map<List<Integer>, Map<String, Double>>> wide =
        sortPanels ? new TreeMap<>(BY_KEY) : new LinkedHashMap<>();
    Map<List<String>, List<String>> rangeOf = new LinkedHashMap<>();
    for (Obs o : obs) {
      List<String> key = new ArrayList<>(o.range());
      key.addAll(o.panel());
      rangeOf.put(key, o.range());
      wide.computeIfAbsent(key, k -> new TreeMap<>(Comparator.<List<Integer>>comparingInt(l -> l.get(0))
              .thenComparingInt(l -> l.get(1))))
          .computeIfAbsent(List.of(o.testFold(), o.seed()), k -> new LinkedHashMap<>())
          .put(o.trainSubsets(), o.value());
    }
    List<PvalRow> rows = new ArrayList<>();
    for (String compared : COMPARED) {
      if (!comparedSets.contains(compared)) {
        continue;
      }
      for (var panel : wide.entrySet()) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Map<String, Double> pair : panel.getValue().values()) {
          x.add(pair.get(compared));
          y.add(pair.get("same"));
        }
        TTest.Result paired = TTest.paired(x, y);
        TTest.Result welch = TTest.welch(x, y);
        Double sameMean = RStats.mean(y);
        Double compareMean = RStats.mean(x);
        Double pmin = sameMean == null || compareMean == null ? null : Math.min(sameMean, compareMean);
        Double pmax = sameMean == null || compareMean == null ? null : Math.max(sameMean, compareMean);
        List<String> rangeKey = rangeOf.get(panel.getKey());
        Range r = ranges.get(rangeKey);
        double hjust = pmax != null && pmax < r.mid() ? 0 : pmin != null && pmin > r.mid() ? 1 : 0.5;
        Double p = paired.pValue();
        String label = p != null && p < 0.0001 ? "P < 0.0001" : "P = " + RStats.fixed(p, 4);
        Double textValue = pmin == null ? null : hjust == 0 ? pmin : hjust == 1 ? pmax : (pmin + pmax) / 2;
        List<String> panelPart = panel.getKey().subList(rangeKey.size(), panel.getKey().size());
        rows.add(new PvalRow(rangeKey, panelPart, r, compared + "-same", paired.estimate(), p, welch.pValue(),
            sameMean, compareMean, x.size(), pmin, pmax, hjust, label, textValue));
      }
    }
    return rows;
  }
}
