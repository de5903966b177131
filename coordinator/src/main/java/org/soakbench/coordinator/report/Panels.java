package org.soakbench.coordinator.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One panel of a faceted figure: categories on the y axis, values on the x axis. */
final class Panels {
  static final Color GREY = new Color(128, 128, 128);

  private Panels() {}

  /** The y position of category {@code index}: 1-based, so XChart's ticks (multiples of the step from 0) hit every category. */
  static double y(int index) {
    return index + 1;
  }

  /** A panel whose y axis shows {@code levels} at positions {@link #y}(0), {@link #y}(1), ... (bottom to top). */
  static XYChart categorical(String yTitle, List<String> levels, int width, int height) {
    XYChart chart = new XYChart(width, height);
    chart.setYAxisTitle(yTitle);
    var s = chart.getStyler();
    s.setChartTitleVisible(false);
    s.setLegendVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(230, 230, 230));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setYAxisMin(0.0);
    s.setYAxisMax(levels.size() + 0.5);
    s.setYAxisTickMarkSpacingHint(18);
    // XChart sizes the label column from the labels of the axis ends, so blank ticks are padded to
    // the widest category name, and it thins out ticks whose labels repeat, so each blank is unique
    String blank = " ".repeat(2 * levels.stream().mapToInt(String::length).max().orElse(1));
    s.setYAxisTickLabelsFormattingFunction(v -> {
      long i = Math.round(v) - 1;
      if (Math.abs(v - (i + 1)) < 1e-9 && i >= 0 && i < levels.size() && !levels.get((int) i).isEmpty()) {
        return levels.get((int) i);
      }
      return blank + "\u200B".repeat((int) Math.max(0, Math.round(v * 100))); // zero-width: unique, not wider
    });
    s.setXAxisDecimalPattern("0.###");
    s.setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
    s.setMarkerSize(7);
    s.setChartPadding(4);
    s.setPlotMargin(6);
    return chart;
  }

  /** A horizontal segment at height {@code y}. */
  static void segment(XYChart chart, String name, double x0, double x1, double y, Color color, float width) {
    XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(width));
  }

  /** Points without lines. */
  static void points(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
  }
}
