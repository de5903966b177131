package org.soakbench.coordinator.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.slf4j.LoggerFactory;

/**
 * Draws a one-panel figure, as PNG and SVG, in memory on a background thread while a run starts. The
 * first figure of a JVM pays for loading the font system, Java2D and XChart (0.3-0.4 s here); paid
 * during planning and cluster start, it is off the run's own figures (the seed's score.png took
 * 0.37-0.48 s instead of 0.51-0.66 s). Only a small figure: a larger warm-up took cores from the splits.
 */
public final class PlotWarmUp {
  private PlotWarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once; it writes no file. */
  public static void start() {
    Thread t = new Thread(PlotWarmUp::run, "plot-warm-up");
    t.setDaemon(true);
    t.start();
  }

  static void run() {
    try {
      XYChart chart = Panels.categorical("Train subsets", List.of("all", "same", "other"), 0, 1,
          PValuePlot.CELL_WIDTH, 260);
      Panels.points(chart, "splits", new double[] {0.2, 0.5, 0.8}, new double[] {Panels.y(0), Panels.y(1), Panels.y(2)},
          Color.BLACK);
      Panels.segment(chart, "sd", 0.4, 0.6, Panels.y(1), Color.BLACK, 2.5f);
      ChartGrid grid = new ChartGrid(List.of(List.of(new ChartGrid.Panel("learner | task | subset", chart))),
          "warm-up", "value", PValuePlot.CELL_WIDTH, 260, true);
      grid.writePng(OutputStream.nullOutputStream());
      grid.svg();
    } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
      // only time is at stake: the real figures are drawn (and fail loudly) later
      LoggerFactory.getLogger(PlotWarmUp.class).debug("plot warm-up failed", e);
    }
  }
}
