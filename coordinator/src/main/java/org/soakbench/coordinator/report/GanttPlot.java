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
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.soakbench.coordinator.output.SplitRecord;

/**
 * Which worker ran which split when: one line per worker slot, one bar per split from its hand-out
 * to its record (coordinator clock, seconds since the first hand-out); error rows in red.
 */
public final class GanttPlot {
  private GanttPlot() {}

  public static void save(List<SplitRecord> records, Path png) throws IOException {
    grid(records).savePng(png);
  }

  static ChartGrid grid(List<SplitRecord> records) {
    List<SplitRecord> byStart = records.stream().sorted(Comparator.comparingLong(SplitRecord::assignedAt)).toList();
    long t0 = byStart.isEmpty() ? 0 : byStart.get(0).assignedAt();
    // greedy lanes: each split takes the first slot lane of its worker that is free at its start
    Map<String, List<Long>> laneEnds = new LinkedHashMap<>();
    Map<String, Integer> laneBase = new LinkedHashMap<>();
    List<String> lanes = new ArrayList<>();
    for (SplitRecord r : byStart) {
      laneEnds.computeIfAbsent(r.worker(), w -> new ArrayList<>());
    }
    Map<SplitRecord, Integer> laneOf = new LinkedHashMap<>();
    for (SplitRecord r : byStart) {
      List<Long> ends = laneEnds.get(r.worker());
      int lane = 0;
      while (lane < ends.size() && ends.get(lane) > r.assignedAt()) {
        lane++;
      }
      if (lane == ends.size()) {
        ends.add(r.recordedAt());
      } else {
        ends.set(lane, r.recordedAt());
      }
      laneOf.put(r, lane);
    }
    for (var e : laneEnds.entrySet()) {
      laneBase.put(e.getKey(), lanes.size());
      for (int i = 0; i < e.getValue().size(); i++) {
        lanes.add(e.getKey() + (e.getValue().size() > 1 ? " #" + (i + 1) : ""));
      }
    }
    lanes.add("");
    int height = Math.max(220, 60 + 22 * lanes.size());
    double end = byStart.stream().mapToLong(SplitRecord::recordedAt).max().orElse(t0) - t0;
    XYChart chart = Panels.categorical("worker slot", lanes, 0, Math.max(end / 1000.0, 0.001), 1100, height);
    chart.setXAxisTitle("seconds since the first split was handed out");
    addBars(chart, "ok", laneOf, laneBase, t0, false, Color.DARK_GRAY);
    addBars(chart, "failed", laneOf, laneBase, t0, true, Color.RED);
    return new ChartGrid(List.of(List.of(new ChartGrid.Panel("splits per worker slot (red: error rows)", chart))),
        "Which worker ran which split when", "", 1100, height + 20);
  }

  private static void addBars(XYChart chart, String name, Map<SplitRecord, Integer> laneOf, Map<String, Integer> laneBase,
      long t0, boolean failed, Color color) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    laneOf.forEach((r, lane) -> {
      if (r.failed() == failed) {
        double yy = Panels.y(laneBase.get(r.worker()) + lane);
        x.add((r.assignedAt() - t0) / 1000.0);
        y.add(yy);
        x.add((r.recordedAt() - t0) / 1000.0);
        y.add(yy);
        x.add(Double.NaN); // a gap: XChart breaks the line here
        y.add(Double.NaN);
      }
    });
    if (x.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new java.awt.BasicStroke(6f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER));
  }
}
