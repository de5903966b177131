package org.soakbench.coordinator.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.knowm.xchart.XYChart;
import org.soakbench.coordinator.output.AtomicFile;
import org.soakbench.coordinator.output.Formats;

/**
 * Lays XChart panels out in a grid (XChart has no facets) and saves the whole figure as PNG and
 * SVG, with a title above, a strip with each panel's name, and an axis label below. Titles and
 * strips are drawn as text (XChart draws its own text as outlines), so the SVG stays searchable.
 */
final class ChartGrid {
  private static final int TITLE = 30;
  private static final int STRIP = 20;
  private static final int FOOTER = 26;
  /**
   * At most this many panel rows and columns are drawn: a figure of thousands of panels is neither
   * readable nor drawable in a bounded heap (100 tasks x 10 learners made a PNG buffer larger than a
   * 512 MB heap). The title says what was left out; every value stays in the tables.
   */
  static final int MAX_PANELS_PER_SIDE = 8;

  static {
    // ImageIO otherwise caches every PNG it writes in a temporary file before copying it to the stream
    ImageIO.setUseCache(false);
  }

  /** One panel: its strip label and its chart. */
  record Panel(String name, XYChart chart) {}

  private final List<List<Panel>> rows;
  private final String title;
  private final String footer;
  private final int cellWidth;
  private final int cellHeight;
  private final boolean gray;

  ChartGrid(List<List<Panel>> rows, String title, String footer, int cellWidth, int cellHeight) {
    this(rows, title, footer, cellWidth, cellHeight, false);
  }

  /**
   * @param gray whether every colour drawn is a gray: the PNG then has one channel, a third of the
   *     pixels to filter and compress
   */
  ChartGrid(List<List<Panel>> rows, String title, String footer, int cellWidth, int cellHeight, boolean gray) {
    int widest = rows.stream().mapToInt(List::size).max().orElse(0);
    this.rows = rows.stream().limit(MAX_PANELS_PER_SIDE)
        .map(r -> r.subList(0, Math.min(r.size(), MAX_PANELS_PER_SIDE))).toList();
    this.title = rows.size() > MAX_PANELS_PER_SIDE || widest > MAX_PANELS_PER_SIDE
        ? title + String.format(" - first %d of %d rows, %d of %d columns shown; all in the CSV tables",
            this.rows.size(), rows.size(), Math.min(widest, MAX_PANELS_PER_SIDE), widest)
        : title;
    this.footer = footer;
    this.cellWidth = cellWidth;
    this.cellHeight = cellHeight;
    this.gray = gray;
  }

  int width() {
    return rows.stream().mapToInt(List::size).max().orElse(1) * cellWidth;
  }

  int height() {
    return TITLE + rows.size() * cellHeight + FOOTER;
  }

  /**
   * The title's font size: 15 points, smaller (down to 9) where the figure is too narrow for it (a
   * p-value plot of two columns cut its title off).
   */
  int titleSize(Graphics2D g) {
    int size = 15;
    while (size > 9 && g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, size)).stringWidth(title) > width() - 20) {
      size--;
    }
    return size;
  }

  void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize(g)));
    g.drawString(title, 10, 20);
    Font stripFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < rows.get(r).size(); c++) {
        Panel panel = rows.get(r).get(c);
        int x = c * cellWidth;
        int y = TITLE + r * cellHeight;
        g.setColor(new Color(217, 217, 217));
        g.fillRect(x + 4, y, cellWidth - 8, STRIP);
        g.setColor(Color.BLACK);
        g.setFont(stripFont);
        int w = g.getFontMetrics().stringWidth(panel.name());
        g.drawString(panel.name(), x + (cellWidth - w) / 2, y + STRIP - 6);
        Graphics2D cell = (Graphics2D) g.create(x, y + STRIP, cellWidth, cellHeight - STRIP);
        panel.chart().paint(cell, cellWidth, cellHeight - STRIP);
        cell.dispose();
      }
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int w = g.getFontMetrics().stringWidth(footer);
    g.drawString(footer, (width() - w) / 2, height() - 8);
  }

  void savePng(Path file) throws IOException {
    AtomicFile.write(file, this::writePng);
  }

  void writePng(java.io.OutputStream out) throws IOException {
    BufferedImage image = new BufferedImage(width(), height(),
        gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    paint(g);
    g.dispose();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer in this JVM");
    }
  }

  void saveSvg(Path file) throws IOException {
    String document = svg();
    AtomicFile.write(file, out -> out.write(document.getBytes(StandardCharsets.UTF_8)));
  }

  /** The figure as an SVG document. */
  String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width(), height());
    // a hundredth of a pixel is below what any viewer shows; the full float digits doubled the file
    g.setGeomDoubleConverter(v -> Formats.number(Math.rint(v * 100) / 100));
    // the default prefix is a clock reading: the same figure would differ from run to run
    g.setDefsKeyPrefix("soakbench");
    paint(g);
    return g.getSVGDocument();
  }
}
