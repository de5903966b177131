package org.soakbench.worker.learn.rpart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code golden.txt}: the data of {@code golden.R} built again here (closed formulas,
 * no random numbers), fitted, and compared with R's dump: the frame (node, variable, n, deviance,
 * fitted value, complexity), class probabilities, the splits matrix (primaries, competitors,
 * surrogates), the level tables, the cp table and the predictions, every double exactly.
 */
class RpartGoldenTest {
  /** A data set in model column order; categorical columns as level codes 1..ncat. */
  private record Data(String[] names, double[][] x, int[] ncat, double[] y, int[] classes) {
    Data with(double[] response) {
      return new Data(names, x, ncat, response, null);
    }

    Data withClasses(int[] codes) {
      return new Data(names, x, ncat, null, codes);
    }

    Data columns(int... order) {
      String[] n2 = new String[order.length];
      double[][] x2 = new double[order.length][];
      int[] c2 = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        n2[i] = names[order[i]];
        x2[i] = x[order[i]];
        c2[i] = ncat[order[i]];
      }
      return new Data(n2, x2, c2, y, classes);
    }
  }

  /** One fit of golden.R: the dump's title, data, controls and the rows to predict (may be null). */
  private record Case(String title, Data data, RpartControl control, double[][] newdata, boolean prob) {}

  private static double[] seq(int n, IntToDoubleFunction f) {
    double[] out = new double[n];
    for (int i = 1; i <= n; i++) {
      out[i - 1] = f.applyAsDouble(i);
    }
    return out;
  }

  private static Data data(String[] names, int[] ncat, double[]... columns) {
    return new Data(names, columns, ncat, null, null);
  }

  private static RpartControl control(Integer minsplit, Integer minbucket, double cp, int maxcompete, int maxsurrogate,
      int usesurrogate, int maxdepth) {
    return RpartControl.of(minsplit, minbucket, cp, maxcompete, maxsurrogate, usesurrogate, 0, maxdepth);
  }

  private static final RpartControl DEFAULT = RpartControl.defaults();

  private static RpartControl depth(int maxdepth) {
    return control(null, null, 0.01, 4, 5, 2, maxdepth);
  }

  private static double[][] rows(double[]... rows) {
    return rows;
  }

  private static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // G1, G2
    Data g1 = data(new String[] {"x"}, new int[] {0}, seq(19, i -> i)).with(seq(19, i -> i / 10.0));
    c.add(new Case("G1 ", g1, DEFAULT, rows(new double[] {5}), false));
    Data g2 = data(new String[] {"x"}, new int[] {0}, seq(30, i -> i)).with(seq(30, i -> 0.1));
    c.add(new Case("G2 ", g2, DEFAULT, rows(new double[] {1}, new double[] {20}, new double[] {30}), false));
    // G3: identical columns
    double[] a = seq(40, i -> (i * 7) % 40);
    Data g3 = data(new String[] {"a", "b"}, new int[] {0, 0}, a, a.clone())
        .with(seq(40, i -> ((i * 7) % 40 > 18 ? 1 : 0) + ((i * 13) % 5) / 10.0));
    c.add(new Case("G3 ", g3, depth(1), null, false));
    c.add(new Case("G3b ", g3.columns(1, 0), depth(1), null, false));
    // G4
    Data g4 = data(new String[] {"x"}, new int[] {0}, seq(40, i -> i)).with(seq(40, i -> i > 10 && i <= 30 ? 1 : 0));
    c.add(new Case("G4 ", g4, depth(1), null, false));
    // G5
    Data g5 = data(new String[] {"x"}, new int[] {0}, seq(60, i -> (i % 6) + 1))
        .with(seq(60, i -> ((i * 37) % 101) / 7.0 + ((i % 6) + 1) + 1.0 / (i + 3)));
    double[][] sixes = {{1}, {2}, {3}, {4}, {5}, {6}};
    c.add(new Case("G5a ", g5, control(2, 1, 0, 4, 5, 2, 30), sixes, false));
    c.add(new Case("G5b ", g5, DEFAULT, sixes, false));
    // G6
    Data g6 = data(new String[] {"x"}, new int[] {0}, seq(20, i -> i)).with(seq(20, i -> (i <= 3 ? 0 : 5) + i / 100.0));
    c.add(new Case("G6 ", g6, DEFAULT, null, false));
    // G7: levels a, b, c, d with c empty
    Data g7 = data(new String[] {"g"}, new int[] {4}, seq(30, i -> i <= 10 ? 1 : i <= 22 ? 2 : 4))
        .with(seq(30, i -> (i <= 10 ? 5 : i <= 22 ? 1 : 3) + (i % 2 == 0 ? 0.5 : 0)));
    c.add(new Case("G7 ", g7, DEFAULT, rows(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4}),
        false));
    // G8
    double[] g8x = seq(90, i -> i / 90.0);
    double[] g8g = seq(90, i -> {
      int level = (i % 3) + 1;
      return level == 3 && i / 90.0 > 0.5 ? 1 : level;
    });
    double[] g8y = new double[90];
    for (int i = 1; i <= 90; i++) {
      g8y[i - 1] = (10.0 * (g8x[i - 1] > 0.5 ? 1 : 0) + 3.0 * (g8g[i - 1] == 1 ? 1 : 0)) + ((i * 13) % 7) / 10.0;
    }
    Data g8 = data(new String[] {"x", "g"}, new int[] {0, 3}, g8x, g8g).with(g8y);
    double[][] g8new = {{0.9, 1}, {0.9, 2}, {0.9, 3}, {0.2, 3}};
    c.add(new Case("G8 usesurrogate=2", g8, DEFAULT, g8new, false));
    c.add(new Case("G8 usesurrogate=0", g8, control(null, null, 0.01, 4, 5, 0, 30), g8new, false));
    c.add(new Case("G8 maxsurrogate=0", g8, control(null, null, 0.01, 4, 0, 2, 30), g8new, false));
    // G9 and G17
    Data g9 = g9();
    double[][] g9new = {{0.5, -1.5, 1, 1}, {3, 0, 2, 0}, {6, 1, 3, 1}, {9.5, 1.9, 4, 0}};
    c.add(new Case("G9 y ~", g9, DEFAULT, g9new, false));
    c.add(new Case("G9 cp=0", g9, control(null, null, 0, 4, 5, 2, 30), g9new, false));
    c.add(new Case("G9 maxdepth=2", g9, depth(2), g9new, false));
    c.add(new Case("G9 minsplit=10", g9, control(10, null, 0.01, 4, 5, 2, 30), g9new, false));
    c.add(new Case("G9 cp=1", g9, control(null, null, 1, 4, 5, 2, 30), g9new, false));
    c.add(new Case("G17 ", g9, control(null, null, 0.01, 1, 5, 2, 1), null, false));
    // G10: classification
    double[] x1 = seq(120, i -> ((i * 31) % 120) / 12.0);
    double[] x2 = seq(120, i -> ((i * 53) % 120) / 40.0 - 1.5);
    double[] g = seq(120, i -> (i % 3) + 1);
    int[] yes = new int[120];
    for (int i = 1; i <= 120; i++) {
      double sc = x1[i - 1] / 10 + 0.3 * x2[i - 1] + 0.4 * (g[i - 1] == 2 ? 1 : 0) + ((i * 101) % 13) / 26.0;
      yes[i - 1] = sc > 0.9 ? 1 : 2;
    }
    Data g10 = data(new String[] {"x1", "x2", "g"}, new int[] {0, 0, 3}, x1, x2, g).withClasses(yes);
    double[][] g10new = {{1, -1, 1}, {5, 0, 2}, {9, 1, 3}};
    c.add(new Case("G10a ", g10, DEFAULT, g10new, true));
    int[] no = new int[120];
    for (int i = 0; i < 120; i++) {
      no[i] = 3 - yes[i];
    }
    c.add(new Case("G10b ", g10.withClasses(no), DEFAULT, g10new, true));
    // G11
    double[] g11 = seq(30, i -> (i - 1) / 10 + 1);
    c.add(new Case("G11 ", data(new String[] {"g"}, new int[] {3}, g11).withClasses(toInt(g11)), depth(1), null, false));
    // G12
    int[][] tab = {{40, 4}, {12, 27}, {27, 19}, {14, 22}, {3, 32}};
    List<double[]> lv = new ArrayList<>();
    List<Integer> cls = new ArrayList<>();
    for (int l = 0; l < tab.length; l++) {
      for (int k = 0; k < 2; k++) {
        for (int r = 0; r < tab[l][k]; r++) {
          lv.add(new double[] {l + 1});
          cls.add(k + 1);
        }
      }
    }
    double[] g12 = lv.stream().mapToDouble(v -> v[0]).toArray();
    c.add(new Case("G12 ", data(new String[] {"g"}, new int[] {5}, g12)
        .withClasses(cls.stream().mapToInt(Integer::intValue).toArray()), depth(1), null, false));
    // G13
    Data g13 = data(new String[] {"x"}, new int[] {0}, seq(40, i -> i));
    c.add(new Case("G13a ", g13.withClasses(toInt(seq(40, i -> i <= 25 ? 1 : 2))), DEFAULT, null, false));
    c.add(new Case("G13b ", g13.withClasses(toInt(seq(40, i -> i <= 25 ? 2 : 1))), DEFAULT, null, false));
    // G14: levels (b, a), rows a, b, a, b, ...
    c.add(new Case("G14 ", data(new String[] {"x"}, new int[] {0}, seq(10, i -> i))
        .withClasses(toInt(seq(10, i -> i % 2 == 1 ? 2 : 1))), DEFAULT, rows(new double[] {1}), true));
    // G15
    Data g15 = data(new String[] {"z", "x"}, new int[] {0, 0}, seq(30, i -> 3), seq(30, i -> i))
        .with(seq(30, i -> i > 15 ? 1 : 0));
    c.add(new Case("G15 ", g15, DEFAULT, null, false));
    c.add(new Case("G15b ", g15.columns(0), DEFAULT, null, false));
    // G16
    double[] g16x = seq(60, i -> i / 60.0);
    double[] g16y = seq(60, i -> (i / 60.0 > 0.5 ? 5.0 : 0.0) + (i % 7) / 10.0);
    double[] lohi = seq(60, i -> i / 60.0 <= 0.5 ? 1 : 2);
    c.add(new Case("G16a ", data(new String[] {"x", "g"}, new int[] {0, 2}, g16x, lohi).with(g16y), depth(1), null,
        false));
    double[] lohi2 = lohi.clone();
    lohi2[2] = 2;
    lohi2[39] = 1;
    c.add(new Case("G16b ", data(new String[] {"x", "g"}, new int[] {0, 2}, g16x, lohi2).with(g16y), depth(1), null,
        false));
    return c;
  }

  private static int[] toInt(double[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  private static Data g9() {
    int n = 100;
    double[] x1 = seq(n, i -> ((i * 17) % 100) / 10.0);
    double[] x2 = seq(n, i -> ((i * 29) % 100) / 25.0 - 2);
    double[] x3 = seq(n, i -> (i % 4) + 1);
    double[] x4 = seq(n, i -> i % 2 == 0 ? 1 : 0);
    double[] y = new double[n];
    for (int i = 1; i <= n; i++) {
      // R's sin is glibc's; Java's Math.sin gives the same doubles here, StrictMath's fdlibm does not (1 ulp)
      double v = Math.sin(x1[i - 1]) + x2[i - 1] * x2[i - 1] / 4;
      v = v + (x3[i - 1] == 2 ? 1 : 0) * 1.5;
      v = v + x4[i - 1] * 0.3;
      y[i - 1] = v + ((i * 7919) % 1000) / 1000.0;
    }
    return data(new String[] {"x1", "x2", "x3", "x4"}, new int[] {0, 0, 4, 0}, x1, x2, x3, x4).with(y);
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenCaseAsR() throws Exception {
    Map<String, RGolden.Dump> golden = RGolden.read();
    List<Case> cases = cases();
    assertEquals(golden.size(), cases.size(), "one case per dump of golden.txt");
    return cases.stream().map(k -> DynamicTest.dynamicTest(k.title().trim(), () -> {
      RGolden.Dump d = golden.entrySet().stream().filter(e -> e.getKey().startsWith(k.title())).map(Map.Entry::getValue)
          .reduce((p, q) -> {
            throw new AssertionError("two dumps start with " + k.title());
          }).orElseThrow(() -> new AssertionError("no dump starts with " + k.title()));
      List<String> problems = compare(k, d);
      assertTrue(problems.isEmpty(), d.title() + ":\n  " + String.join("\n  ", problems));
    }));
  }

  private static RpartTree fit(Case k) {
    Data d = k.data();
    return d.classes() != null ? Rpart.classification(d.x(), d.ncat(), d.classes(), k.control())
        : Rpart.anova(d.x(), d.ncat(), d.y(), k.control());
  }

  private static List<String> compare(Case k, RGolden.Dump d) {
    RpartTree tree = fit(k);
    String[] names = k.data().names();
    List<String> problems = new ArrayList<>();
    List<String[]> frame = new ArrayList<>();
    List<String[]> probs = new ArrayList<>();
    List<String[]> splits = new ArrayList<>();
    List<String[]> tables = new ArrayList<>();
    for (RpartNode node : tree.preorder()) {
      frame.add(new String[] {String.valueOf(node.number()), node.leaf() ? "<leaf>" : names[node.splits().get(0).variable()],
          String.valueOf(node.n()), num(node.risk()), num(node.yval()), num(tree.scaledComplexity(node))});
      if (tree.classification()) {
        probs.add(prepend(String.valueOf(node.number()), tree.probabilities(node)));
      }
      for (Split s : node.splits()) {
        splits.add(splitRow(s, names, k.data().ncat(), tables, 0));
      }
      for (Split s : node.surrogates()) {
        splits.add(splitRow(s, names, k.data().ncat(), tables, s.adj()));
      }
    }
    same("frame", d.frame(), frame, problems);
    same("class probs", d.probs(), probs, problems);
    same("splits", d.splits(), splits, problems);
    same("csplit", d.csplit(), tables, problems);
    List<String[]> cp = new ArrayList<>();
    for (RpartTree.CpRow r : tree.cpTable()) {
      cp.add(new String[] {num(r.cp()), String.valueOf(r.nsplit()), num(r.relError())});
    }
    same("cptable", d.cptable(), cp, problems);
    if (k.newdata() != null) {
      List<String[]> pred = new ArrayList<>();
      List<String> flat = new ArrayList<>();
      for (int i = 0; i < k.newdata().length; i++) {
        RpartNode node = tree.predict(k.newdata()[i]);
        if (k.prob()) {
          pred.add(prepend(String.valueOf(i + 1), tree.probabilities(node)));
        } else {
          flat.add(num(node.yval()));
        }
      }
      if (!k.prob()) {
        pred.add(flat.toArray(String[]::new));
      }
      same("predictions", d.predictions(), pred, problems);
    }
    return problems;
  }

  private static String[] splitRow(Split s, String[] names, int[] ncat, List<String[]> tables, double adj) {
    String index;
    String ncatCol;
    if (s.categorical()) {
      String[] row = new String[s.table().length];
      for (int i = 0; i < row.length; i++) {
        row[i] = String.valueOf(s.table()[i] + 2);
      }
      tables.add(row);
      index = String.valueOf(tables.size());
      ncatCol = String.valueOf(ncat[s.variable()]);
    } else {
      index = num(s.point());
      ncatCol = String.valueOf(s.direction());
    }
    return new String[] {names[s.variable()], String.valueOf(s.count()), ncatCol, num(s.improve()), index, num(adj)};
  }

  private static String[] prepend(String first, double[] values) {
    String[] out = new String[values.length + 1];
    out[0] = first;
    for (int i = 0; i < values.length; i++) {
      out[i + 1] = num(values[i]);
    }
    return out;
  }

  /** A number as a token to compare: R's %.17g parses back to the same double, so doubles are compared. */
  private static String num(double v) {
    return Double.toString(v);
  }

  private static void same(String what, List<String[]> expected, List<String[]> actual, List<String> problems) {
    if (expected.size() != actual.size()) {
      problems.add(what + ": " + expected.size() + " rows in R, " + actual.size() + " here: "
          + actual.stream().map(r -> String.join(" ", r)).toList());
      return;
    }
    for (int r = 0; r < expected.size(); r++) {
      String[] e = expected.get(r);
      String[] a = actual.get(r);
      boolean ok = e.length == a.length;
      for (int i = 0; ok && i < e.length; i++) {
        ok = token(e[i]).equals(token(a[i]));
      }
      if (!ok) {
        problems.add(what + " row " + (r + 1) + ": R " + String.join(" ", e) + " | here " + String.join(" ", a));
      }
    }
  }

  /** Numbers compared as doubles (R prints %.17g, Java its shortest repr), the rest as text. */
  private static String token(String t) {
    try {
      double v = Double.parseDouble(t);
      return Double.toString(v == 0 ? 0.0 : v);
    } catch (NumberFormatException e) {
      return t;
    }
  }
}
