package org.soakbench.coordinator.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One panel of a faceted figure: categories on the y axis, values on the x axis. */
final class Panels {
  static final Color GREY = new Color(128, 128, 128);

  private Panels() {}

  /** Share of the x range kept free on the left of each panel for the category names. */
  static final double LABEL_ROOM = 0.45;

  /** The y position of category {@code index} (0 = bottom). */
  static double y(int index) {
    return index + 1;
  }

  /**
   * A panel with {@code levels} as categories on the y axis (bottom to top) and values from
   * {@code xMin} to {@code xMax} on the x axis. The category names are written inside the plot,
   * left of the data: XChart has no categorical y axis, and bending its numeric tick labels into
   * one proved fragile.
   */
  static XYChart categorical(String yTitle, List<String> levels, double xMin, double xMax, int width, int height) {
    XYChart chart = new XYChart(width, height);
    chart.setYAxisTitle(yTitle);
    var s = chart.getStyler();
    s.setChartTitleVisible(false);
    s.setLegendVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(230, 230, 230));
    s.setPlotGridHorizontalLinesVisible(false);
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    double span = xMax > xMin ? xMax - xMin : 1;
    double left = xMin - LABEL_ROOM * span;
    s.setXAxisMin(left);
    s.setXAxisMax(xMax + 0.06 * span);
    s.setYAxisMin(0.0);
    s.setYAxisMax(levels.size() + 0.5);
    s.setYAxisTicksVisible(false);
    s.setXAxisDecimalPattern("0.###");
    s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarkerSize(7);
    s.setChartPadding(4);
    s.setPlotMargin(6);
    for (int i = 0; i < levels.size(); i++) {
      if (!levels.get(i).isEmpty()) {
        chart.addAnnotation(new AnnotationText(levels.get(i), left + LABEL_ROOM * span / 2, y(i), false));
      }
    }
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
