package org.soakbench.coordinator.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.soakbench.coordinator.output.SplitRecord;

/**
 * The figure of mlr3resampling's {@code plot(score(...))}: every split's test value, one panel per
 * algorithm (rows) and task + test subset (columns), one line per train subsets and train size.
 */
public final class ScorePlot {
  private static final List<String> ORDER = List.of("all", "same", "other");

  private ScorePlot() {}

  public static void save(List<SplitRecord> sorted, String valueVar, Path png, Path svg) throws IOException {
    ChartGrid grid = grid(sorted, valueVar);
    grid.savePng(png);
    grid.saveSvg(svg);
  }

  static ChartGrid grid(List<SplitRecord> sorted, String valueVar) {
    List<SplitRecord> rows = sorted.stream().filter(r -> r.measures().get(valueVar) != null).toList();
    TreeSet<SplitRecord> byLevel = new TreeSet<>(Comparator.<SplitRecord>comparingInt(r -> ORDER.indexOf(r.trainSubsets()))
        .thenComparingInt(SplitRecord::nTrainGroups));
    byLevel.addAll(rows);
    List<String> levels = byLevel.stream().map(ScorePlot::level).distinct().toList();
    Set<String> algorithms = new LinkedHashSet<>();
    Set<List<String>> columns = new LinkedHashSet<>();
    rows.forEach(r -> {
      algorithms.add(r.algorithm());
      columns.add(List.of(r.taskId(), r.testSubset()));
    });
    List<List<ChartGrid.Panel>> grid = new ArrayList<>();
    for (String algorithm : algorithms) {
      List<ChartGrid.Panel> line = new ArrayList<>();
      for (List<String> column : columns) {
        String title = algorithm + "  |  " + column.get(0) + "  |  " + column.get(1);
        List<SplitRecord> mine = rows.stream().filter(r -> r.algorithm().equals(algorithm)
            && r.taskId().equals(column.get(0)) && r.testSubset().equals(column.get(1))).toList();
        double[] x = mine.stream().mapToDouble(r -> r.measures().get(valueVar)).toArray();
        XYChart chart = Panels.categorical("Train subsets and #groups", levels,
            java.util.Arrays.stream(x).min().orElse(0), java.util.Arrays.stream(x).max().orElse(1), PValuePlot.CELL_WIDTH, 260);
        double[] y = mine.stream().mapToDouble(r -> Panels.y(levels.indexOf(level(r)))).toArray();
        if (x.length == 0) {
          x = new double[] {0};
          y = new double[] {-10};
        }
        Panels.points(chart, "splits", x, y, Color.BLACK);
        line.add(new ChartGrid.Panel(title, chart));
      }
      grid.add(line);
    }
    return new ChartGrid(grid, "Test " + valueVar + " of every split (panels: algorithm | task_id | test.subset)", valueVar, PValuePlot.CELL_WIDTH, 260);
  }

  private static String level(SplitRecord r) {
    return r.trainSubsets() + " " + r.nTrainGroups();
  }
}
