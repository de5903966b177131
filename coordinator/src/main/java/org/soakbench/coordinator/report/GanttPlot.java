package org.soakbench.coordinator.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.soakbench.coordinator.record.RecordStore;

/**
 * Which worker ran what when (coordinator clock, seconds since the first hand-out). Up to
 * {@link #BARS_MAX} splits: one line per worker slot, one bar per split from its hand-out to its
 * record, error rows in red. Beyond that a bar per split is neither legible nor small, so each
 * worker gets one line of its busy slots over time instead.
 */
public final class GanttPlot {
  /** Above this many splits the figure shows busy slots per worker instead of one bar per split. */
  static final int BARS_MAX = 2000;
  private static final int BINS = 400;

  private GanttPlot() {}

  public static void save(RecordStore store, Path png) throws IOException {
    grid(store).savePng(png);
  }

  /**
   * The figure laid out now from the store (on the store owner's thread), to be drawn as SVG later on
   * any one thread (the dashboard's live timeline).
   */
  public static Supplier<String> svgDrawing(RecordStore store) {
    return grid(store)::svg;
  }

  static ChartGrid grid(RecordStore store) {
    return store.size() <= BARS_MAX ? bars(store) : busySlots(store);
  }

  private static ChartGrid bars(RecordStore store) {
    int[] byStart = IntStream.range(0, store.size()).boxed()
        .sorted(Comparator.comparingLong(store::assignedAt)).mapToInt(i -> i).toArray();
    long t0 = byStart.length == 0 ? 0 : store.assignedAt(byStart[0]);
    Map<String, List<Long>> laneEnds = new LinkedHashMap<>();
    int[] laneOf = lanes(store, byStart, laneEnds);
    Map<String, Integer> laneBase = new LinkedHashMap<>();
    List<String> lanes = new ArrayList<>();
    for (var e : laneEnds.entrySet()) {
      laneBase.put(e.getKey(), lanes.size());
      for (int i = 0; i < e.getValue().size(); i++) {
        lanes.add(e.getKey() + (e.getValue().size() > 1 ? " #" + (i + 1) : ""));
      }
    }
    lanes.add("");
    int height = Math.max(220, 60 + 22 * lanes.size());
    double end = IntStream.of(byStart).mapToLong(store::recordedAt).max().orElse(t0) - t0;
    XYChart chart = Panels.categorical("worker slot", lanes, 0, Math.max(end / 1000.0, 0.001), 1100, height);
    chart.setXAxisTitle("seconds since the first split was handed out");
    for (boolean failed : new boolean[] {false, true}) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int r : byStart) {
        if (store.failed(r) == failed) {
          double yy = Panels.y(laneBase.get(store.worker(r).name()) + laneOf[r]);
          x.add((store.assignedAt(r) - t0) / 1000.0);
          y.add(yy);
          x.add((store.recordedAt(r) - t0) / 1000.0);
          y.add(yy);
          x.add(Double.NaN); // a gap: XChart breaks the line here
          y.add(Double.NaN);
        }
      }
      line(chart, failed ? "failed" : "ok", x, y, failed ? Color.RED : Color.DARK_GRAY, 6f);
    }
    return new ChartGrid(List.of(List.of(new ChartGrid.Panel("splits per worker slot (red: error rows)", chart))),
        "Which worker ran which split when", "", 1100, height + 20);
  }

  /**
   * Greedy lanes, at most the worker's slots: each split (in {@code byStart} order) takes the first
   * lane of its worker free at its start, else the one that frees first; {@code laneEnds} gets each
   * worker's lanes. The times are the coordinator's (start reported, result received), and starts and
   * results travel in batches, so bars of one slot may overlap; without the cap a one-slot worker
   * showed dozens of lanes.
   */
  static int[] lanes(RecordStore store, int[] byStart, Map<String, List<Long>> laneEnds) {
    int[] laneOf = new int[store.size()];
    for (int r : byStart) {
      List<Long> ends = laneEnds.computeIfAbsent(store.worker(r).name(), w -> new ArrayList<>());
      int lane = 0;
      while (lane < ends.size() && ends.get(lane) > store.assignedAt(r)) {
        lane++;
      }
      if (lane == ends.size() && ends.size() >= Math.max(1, store.worker(r).slots())) {
        lane = 0;
        for (int i = 1; i < ends.size(); i++) {
          lane = ends.get(i) < ends.get(lane) ? i : lane;
        }
      }
      if (lane == ends.size()) {
        ends.add(store.recordedAt(r));
      } else {
        ends.set(lane, Math.max(ends.get(lane), store.recordedAt(r)));
      }
      laneOf[r] = lane;
    }
    return laneOf;
  }

  private static ChartGrid busySlots(RecordStore store) {
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    for (int r = 0; r < store.size(); r++) {
      t0 = Math.min(t0, store.assignedAt(r));
      t1 = Math.max(t1, store.recordedAt(r));
    }
    double width = Math.max(1, t1 - t0) / (double) BINS;
    Map<String, double[]> busy = new LinkedHashMap<>();
    for (int r = 0; r < store.size(); r++) {
      double[] bins = busy.computeIfAbsent(store.worker(r).name(), w -> new double[BINS]);
      double from = (store.assignedAt(r) - t0) / width;
      double to = (store.recordedAt(r) - t0) / width;
      // each bin gets the share of its width the split covered: the mean number of busy slots in it
      for (int b = (int) Math.min(from, BINS - 1); b < BINS && b < to; b++) {
        bins[b] += Math.min(to, b + 1) - Math.max(from, b);
      }
    }
    XYChart chart = new XYChart(1100, 360);
    chart.setXAxisTitle("seconds since the first split was handed out");
    chart.setYAxisTitle("busy slots (mean per interval)");
    var st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setChartTitleVisible(false);
    st.setLegendVisible(true);
    st.setMarkerSize(0);
    Color[] palette = {Color.DARK_GRAY, new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0)};
    int i = 0;
    for (var e : busy.entrySet()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int b = 0; b < BINS; b++) {
        x.add((b + 0.5) * width / 1000.0);
        y.add(e.getValue()[b]);
      }
      line(chart, e.getKey(), x, y, palette[i++ % palette.length], 1.5f);
    }
    return new ChartGrid(List.of(List.of(new ChartGrid.Panel("busy slots per worker over time ("
        + store.size() + " splits, " + store.failed() + " failed)", chart))), "What each worker was doing when", "",
        1100, 380);
  }

  private static void line(XYChart chart, String name, List<Double> x, List<Double> y, Color color, float width) {
    if (x.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new java.awt.BasicStroke(width, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER));
  }
}
