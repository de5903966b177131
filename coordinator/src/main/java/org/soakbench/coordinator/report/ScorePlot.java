package org.soakbench.coordinator.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.soakbench.coordinator.record.RecordStore;

/**
 * The figure of mlr3resampling's {@code plot(score(...))}: the test values, one panel per algorithm
 * (rows) and task + test subset (columns), one line per train subsets and train size. Each split is
 * a point while a panel holds at most {@link #POINTS_PER_PANEL} and the figure {@link #POINTS_DRAWN};
 * beyond that every line shows the mean ± SD of its splits, so the figure stays legible and small
 * whatever the number of splits.
 */
public final class ScorePlot {
  /** Above this many splits in the fullest panel, lines are summarised (mean ± SD). */
  static final int POINTS_PER_PANEL = 200;
  /** Above this many points in the drawn panels, too (each point costs about 0.5 kB of SVG). */
  static final int POINTS_DRAWN = 5000;
  private static final List<String> ORDER = List.of("all", "same", "other");

  private ScorePlot() {}

  /**
   * The figure's data, read from the store once: the PNG and the SVG are drawn from it on two threads
   * at once, each with charts of its own (XChart is not thread-safe).
   */
  public static Figure figure(RecordStore store, String valueVar) {
    return new Figure(store, valueVar);
  }

  /** One line of the figure: train subsets and train groups. */
  private record Level(String trainSubsets, int nTrainGroups) {
    String label() {
      return trainSubsets + " " + nTrainGroups;
    }
  }

  /** The values of one panel and the line of each. */
  private static final class PanelData {
    double[] x = new double[8];
    int[] level = new int[8];
    int n;

    void add(double v, int l) {
      if (n == x.length) {
        x = java.util.Arrays.copyOf(x, 2 * n);
        level = java.util.Arrays.copyOf(level, 2 * n);
      }
      x[n] = v;
      level[n++] = l;
    }
  }

  /** What the figure shows, immutable once built. */
  public static final class Figure {
    private final String valueVar;
    private final List<String> algorithms;
    private final List<List<String>> columns;
    private final Map<Long, PanelData> panels = new java.util.HashMap<>();
    private final List<String> labels;
    private final int[] position;
    private final boolean summarise;

    private Figure(RecordStore store, String valueVar) {
      this.valueVar = valueVar;
      Map<Level, Integer> levelCodes = new LinkedHashMap<>();
      Map<String, Integer> algorithmCodes = new LinkedHashMap<>();
      Map<List<String>, Integer> columnCodes = new LinkedHashMap<>();
      for (int row : store.sortedRows()) {
        Double v = store.value(row, valueVar);
        if (v == null) {
          continue;
        }
        RecordStore.Shape s = store.shape(row);
        int level = levelCodes.computeIfAbsent(new Level(s.trainSubsets(), s.nTrainGroups()), k -> levelCodes.size());
        int a = algorithmCodes.computeIfAbsent(store.learner(row).algorithm(), k -> algorithmCodes.size());
        int c = columnCodes.computeIfAbsent(List.of(store.task(row).id(), s.testSubset()), k -> columnCodes.size());
        panels.computeIfAbsent(((long) a << 32) | c, k -> new PanelData()).add(v, level);
      }
      algorithms = List.copyOf(algorithmCodes.keySet());
      columns = List.copyOf(columnCodes.keySet());
      List<Level> sortedLevels = new ArrayList<>(levelCodes.keySet());
      sortedLevels.sort(Comparator.<Level>comparingInt(l -> ORDER.indexOf(l.trainSubsets()))
          .thenComparingInt(Level::nTrainGroups));
      labels = sortedLevels.stream().map(Level::label).toList();
      position = new int[sortedLevels.size()];
      levelCodes.forEach((l, code) -> position[code] = sortedLevels.indexOf(l));
      long drawnPoints = panels.entrySet().stream().filter(e -> (e.getKey() >> 32) < ChartGrid.MAX_PANELS_PER_SIDE
          && (e.getKey() & 0xffffffffL) < ChartGrid.MAX_PANELS_PER_SIDE).mapToLong(e -> e.getValue().n).sum();
      summarise = panels.values().stream().mapToInt(p -> p.n).max().orElse(0) > POINTS_PER_PANEL
          || drawnPoints > POINTS_DRAWN;
    }

    public void savePng(Path png) throws IOException {
      grid().savePng(png);
    }

    public void saveSvg(Path svg) throws IOException {
      grid().saveSvg(svg);
    }

    /** New charts of the figure (each call its own, for its own thread). */
    ChartGrid grid() {
      List<List<ChartGrid.Panel>> grid = new ArrayList<>();
      for (int a = 0; a < algorithms.size(); a++) {
        List<ChartGrid.Panel> line = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
          String title = algorithms.get(a) + "  |  " + columns.get(c).get(0) + "  |  " + columns.get(c).get(1);
          boolean drawn = a < ChartGrid.MAX_PANELS_PER_SIDE && c < ChartGrid.MAX_PANELS_PER_SIDE;
          // panels beyond what the grid draws are only counted, never built
          line.add(new ChartGrid.Panel(title,
              drawn ? chart(panels.get(((long) a << 32) | c), labels, position, summarise) : null));
        }
        grid.add(line);
      }
      String title = summarise
          ? "Test " + valueVar + ", mean ± SD of the splits of each line (panels: algorithm | task_id | test.subset)"
          : "Test " + valueVar + " of every split (panels: algorithm | task_id | test.subset)";
      return new ChartGrid(grid, title, valueVar, PValuePlot.CELL_WIDTH, 260, true);
    }
  }

  private static XYChart chart(PanelData data, List<String> labels, int[] position, boolean summarise) {
    int n = data == null ? 0 : data.n;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, data.x[i]);
      max = Math.max(max, data.x[i]);
    }
    if (n == 0) {
      XYChart chart = Panels.categorical("Train subsets and #groups", labels, 0, 1, PValuePlot.CELL_WIDTH, 260);
      Panels.points(chart, "splits", new double[] {0}, new double[] {-10}, Color.BLACK);
      return chart;
    }
    if (!summarise) {
      XYChart chart = Panels.categorical("Train subsets and #groups", labels, min, max, PValuePlot.CELL_WIDTH, 260);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = Panels.y(position[data.level[i]]);
      }
      Panels.points(chart, "splits", java.util.Arrays.copyOf(data.x, n), y, Color.BLACK);
      return chart;
    }
    int levels = labels.size();
    double[] sum = new double[levels];
    double[] count = new double[levels];
    for (int i = 0; i < n; i++) {
      sum[position[data.level[i]]] += data.x[i];
      count[position[data.level[i]]]++;
    }
    double[] squares = new double[levels];
    for (int i = 0; i < n; i++) {
      int l = position[data.level[i]];
      double d = data.x[i] - sum[l] / count[l];
      squares[l] += d * d;
    }
    double[] mean = new double[levels];
    double[] sd = new double[levels];
    for (int l = 0; l < levels; l++) {
      mean[l] = sum[l] / count[l];
      sd[l] = count[l] > 1 ? Math.sqrt(squares[l] / (count[l] - 1)) : 0;
    }
    XYChart chart = Panels.categorical("Train subsets and #groups", labels, min, max, PValuePlot.CELL_WIDTH, 260);
    for (int l = 0; l < levels; l++) {
      if (count[l] > 0) {
        Panels.segment(chart, "sd" + l, mean[l] - sd[l], mean[l] + sd[l], Panels.y(l), Color.BLACK, 2.5f);
        Panels.points(chart, "mean" + l, new double[] {mean[l]}, new double[] {Panels.y(l)}, Color.BLACK);
      }
    }
    return chart;
  }
}
