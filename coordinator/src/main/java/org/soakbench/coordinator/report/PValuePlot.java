package org.soakbench.coordinator.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.soakbench.coordinator.stats.PValue;
import org.soakbench.coordinator.stats.PValueEngine;

/**
 * The figure of mlr3resampling's {@code plot(pvalue(...))}: one panel per algorithm (rows) and
 * task + test subset (columns); per train subsets the mean (circle) +- SD (black bar) and, in grey,
 * the span between "same" and the compared set with the paired t-test's P value.
 */
public final class PValuePlot {
  private static final List<String> LEVELS = List.of("all", "all-same", "same", "other-same", "other", "");
  static final int CELL_WIDTH = 330;
  static final int CELL_HEIGHT = 300;

  private PValuePlot() {}

  public static void save(PValue.Tables t, Path png, Path svg) throws IOException {
    ChartGrid grid = grid(t);
    grid.savePng(png);
    grid.saveSvg(svg);
  }

  /** The figure laid out now, to be drawn as SVG later, on any one thread (the dashboard's live plot). */
  public static Supplier<String> svgDrawing(PValue.Tables t) {
    return grid(t)::svg;
  }

  /** The smallest and largest value drawn in a panel: the SD bars and the compared means. */
  private static double[] extent(PValueEngine.Result r, String algorithm, List<String> column) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (PValueEngine.StatsRow s : r.stats()) {
      if (s.range().equals(column) && s.panel().get(0).equals(algorithm)) {
        for (Double v : new Double[] {s.mean(), s.lo(), s.hi()}) {
          if (v != null && Double.isFinite(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    return min <= max ? new double[] {min, max} : new double[] {0, 1};
  }

  static ChartGrid grid(PValue.Tables t) {
    PValueEngine.Result r = t.result();
    Set<String> present = new LinkedHashSet<>();
    r.stats().forEach(s -> present.add(s.trainSubsets()));
    r.pvals().forEach(p -> present.add(p.trainSubsets()));
    List<String> levels = new ArrayList<>(LEVELS.stream().filter(l -> l.isEmpty() || present.contains(l)).toList());
    Set<String> algorithms = new LinkedHashSet<>();
    Set<List<String>> columns = new LinkedHashSet<>();
    r.stats().forEach(s -> {
      algorithms.add(s.panel().get(0));
      columns.add(s.range());
    });
    List<List<ChartGrid.Panel>> rows = new ArrayList<>();
    for (String algorithm : algorithms) {
      List<ChartGrid.Panel> row = new ArrayList<>();
      for (List<String> column : columns) {
        String title = algorithm + "  |  " + column.get(0) + "  |  " + column.get(1);
        double[] extent = extent(r, algorithm, column);
        XYChart chart = Panels.categorical("Train subsets", levels, extent[0], extent[1], CELL_WIDTH, CELL_HEIGHT);
        int n = 0;
        for (PValueEngine.PvalRow p : r.pvals()) {
          if (p.range().equals(column) && p.panel().get(0).equals(algorithm) && p.sameMean() != null
              && p.compareMean() != null) {
            double y = Panels.y(levels.indexOf(p.trainSubsets()));
            Panels.segment(chart, "p" + n++, p.compareMean(), p.sameMean(), y, Panels.GREY, 1.2f);
            chart.addAnnotation(new AnnotationText(p.label(), p.textValue(), y + 0.32, false));
          }
        }
        for (PValueEngine.StatsRow s : r.stats()) {
          if (s.range().equals(column) && s.panel().get(0).equals(algorithm) && s.mean() != null) {
            double y = Panels.y(levels.indexOf(s.trainSubsets()));
            if (s.lo() != null && s.hi() != null) {
              Panels.segment(chart, "sd" + n, s.lo(), s.hi(), y, Color.BLACK, 2.5f);
            }
            Panels.points(chart, "mean" + n++, new double[] {s.mean()}, new double[] {y}, Color.BLACK);
            chart.addAnnotation(new AnnotationText(s.label(), s.mean(), y + 0.32, false));
          }
        }
        if (n == 0) {
          Panels.points(chart, "empty", new double[] {0}, new double[] {-10}, Color.WHITE);
        }
        row.add(new ChartGrid.Panel(title, chart));
      }
      rows.add(row);
    }
    return new ChartGrid(rows, "Mean ± SD over test folds; P values of paired t-tests vs same (panels: algorithm | task_id | test.subset)",
        t.valueVar() + " (mean ± sd)", CELL_WIDTH, CELL_HEIGHT);
  }
}
