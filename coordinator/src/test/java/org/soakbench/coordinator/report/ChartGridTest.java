package org.soakbench.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** A figure of many panels is drawn at a bounded size and says what it left out. */
class ChartGridTest {
  private static List<List<ChartGrid.Panel>> panels(int rows, int columns) {
    List<List<ChartGrid.Panel>> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      List<ChartGrid.Panel> line = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        line.add(new ChartGrid.Panel("p" + r + "." + c, new XYChart(100, 100)));
      }
      out.add(line);
    }
    return out;
  }

  @Test
  void aHugeGridIsCappedAndTheTitleSaysSo(@TempDir Path dir) throws Exception {
    int max = ChartGrid.MAX_PANELS_PER_SIDE;
    ChartGrid huge = new ChartGrid(panels(20, 100), "T", "x", 100, 100);
    assertEquals(max * 100, huge.width());
    ChartGrid small = new ChartGrid(panels(2, 4), "T", "x", 100, 100);
    assertEquals(400, small.width());
    assertEquals(small.height() + (max - 2) * 100, huge.height());
    huge.saveSvg(dir.resolve("huge.svg"));
    String svg = Files.readString(dir.resolve("huge.svg"));
    assertTrue(svg.contains("first " + max + " of 20 rows, " + max + " of 100 columns shown"), "the title names the cut");
    int last = max - 1;
    assertTrue(svg.contains("p" + last + "." + last) && !svg.contains("p" + last + "." + max) && !svg.contains("p" + max + ".0"),
        "the panels past the cap are not drawn");
    small.saveSvg(dir.resolve("small.svg"));
    assertTrue(!Files.readString(dir.resolve("small.svg")).contains("shown"), "a small figure is not annotated");
  }

  /** A title wider than a narrow figure is drawn smaller, so that it fits (down to 9 points). */
  @Test
  void aLongTitleShrinksToFitANarrowFigure() {
    String title = "Mean ± SD over test folds; P values of paired t-tests vs same (panels: algorithm | task_id | test.subset)";
    var g = new java.awt.image.BufferedImage(10, 10, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
    ChartGrid narrow = new ChartGrid(panels(1, 2), title, "x", 330, 300);
    int size = narrow.titleSize(g);
    assertTrue(size < 15 && size >= 9, "size " + size);
    int width = g.getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, size)).stringWidth(title);
    assertTrue(width <= narrow.width() - 20, width + " > " + (narrow.width() - 20));
    assertEquals(15, new ChartGrid(panels(1, 8), title, "x", 330, 300).titleSize(g), "a wide figure keeps 15 points");
  }

  /** The PNG drawn to a stream is the one saved to a file, and the warm-up draws without writing a file. */
  @Test
  void pngToAStreamEqualsTheFileAndTheWarmUpWritesNothing(@TempDir Path dir) throws Exception {
    ChartGrid grid = new ChartGrid(panels(1, 2), "T", "x", 100, 100, true);
    var bytes = new java.io.ByteArrayOutputStream();
    grid.writePng(bytes);
    grid.savePng(dir.resolve("g.png"));
    byte[] png = bytes.toByteArray();
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    org.junit.jupiter.api.Assertions.assertArrayEquals(png, Files.readAllBytes(dir.resolve("g.png")));
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> before;
    try (var files = Files.list(cwd)) {
      before = files.sorted().toList();
    }
    PlotWarmUp.run();
    try (var files = Files.list(cwd)) {
      assertEquals(before, files.sorted().toList(), "the warm-up leaves the working directory as it was");
    }
  }
}
