package org.soakbench.coordinator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soakbench.coordinator.output.Outputs;
import org.soakbench.coordinator.record.SplitRecord;
import org.soakbench.coordinator.plan.ReferenceFiles;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.schedule.CostAccount;

/** The plots and the HTML report from R's seed score table: files that open, with the expected panels. */
public class ReportFilesTest {
  @TempDir Path dir;

  /** R's seed scores as recorded splits, with made-up timings on two workers (one split failed). */
  public static List<SplitRecord> seedRecords() throws IOException {
    List<SplitRecord> out = new ArrayList<>();
    long t = 1_700_000_000_000L;
    int i = 0;
    for (Map<String, String> r : ReferenceFiles.csv("seed/score.csv")) {
      Map<String, Double> m = new LinkedHashMap<>();
      boolean fail = i == 5;
      m.put("regr.rmse", fail ? null : Double.parseDouble(r.get("regr.rmse")));
      String worker = i % 2 == 0 ? "10.0.0.1:25521" : "10.0.0.2:25521";
      out.add(new SplitRecord(r.get("task_id") + "/" + r.get("algorithm") + "/" + r.get("iteration"), r.get("task_id"),
          "h", r.get("task_id").equals("easy") ? 0 : 1, r.get("algorithm"), r.get("algorithm").equals("featureless") ? 0 : 1,
          Integer.parseInt(r.get("iteration")), r.get("test.subset"), r.get("train.subsets"),
          Integer.parseInt(r.get("groups")), Integer.parseInt(r.get("test.fold")), Integer.parseInt(r.get("seed")),
          Integer.parseInt(r.get("n.train.groups")), m, 53, 13, 0.08, 0.01, worker, 2, 3, t + 50L * i,
          t + 50L * i + 100, fail ? "gave up after 3 failed attempts; last: <worker lost>" : null));
      i++;
    }
    return out;
  }

  @Test
  void plotsAndReportFromTheSeedScores() throws IOException {
    Outputs.Written w = Outputs.write(dir, RecordStore.of(seedRecords()), null);
    assertEquals("regr.rmse", w.valueVar());
    for (String name : List.of("pvalue", "score")) {
      BufferedImage png = ImageIO.read(dir.resolve(name + ".png").toFile());
      assertTrue(png.getWidth() >= 1200 && png.getHeight() >= 500, name + " " + png.getWidth() + "x" + png.getHeight());
      String svg = Files.readString(dir.resolve(name + ".svg"));
      assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), name);
      // one strip label per panel: 2 algorithms x 2 tasks x 2 test subsets
      Matcher panels = Pattern.compile(">(featureless|rpart)  \\|  (easy|impossible)  \\|  (Alice|Bob)</text>").matcher(svg);
      int count = 0;
      while (panels.find()) {
        count++;
      }
      assertEquals(8, count, name + " panels");
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertEquals(3, html.split("data:image/png;base64,", -1).length - 1, "pvalue, score and timing images inline");
    assertTrue(html.contains("P = 0.4430"), "p-value table");
    assertTrue(html.contains("&lt;worker lost&gt;"), "failed split listed, escaped");
    assertTrue(html.contains("10.0.0.1:25521") && html.contains("10.0.0.2:25521"), "per-worker timing");
    assertTrue(html.contains("72 (1 failed)"), "summary");
    assertTrue(!html.contains("src=\"http"), "self-contained");
    assertFalse(html.contains("<h2>Scheduling</h2>"), "no cost model from a journal alone");
  }

  @Test
  void aRunsReportShowsPredictedAgainstActualSecondsPerLearner() throws IOException {
    Outputs.write(dir, RecordStore.of(seedRecords()), null,
        List.of(new CostAccount.Line("rpart", 36, 1.02, 35, 12.5, 14.25, 1.1875)));
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("<h2>Scheduling</h2>"));
    assertTrue(html.matches("(?s).*<td class=\"t\">rpart</td><td>36</td><td>35</td><td>1\\.02\\d*</td><td>12\\.5</td>"
        + "<td>14\\.25</td><td>x1\\.18\\d*</td>.*"), html.substring(html.indexOf("<h2>Scheduling")));
  }

  @Test
  void workerEfficiencyIsBusyOverAvailableSeconds() {
    List<WorkerTimes> w = WorkerTimes.of(RecordStore.of(List.of(
        record("a", 2, 0, 1000, 0.9), record("a", 2, 0, 2000, 1.9), record("b", 1, 500, 1500, 1.0))));
    assertEquals(2, w.size());
    WorkerTimes a = w.get(0);
    assertEquals(2, a.splits());
    assertEquals(2.0, a.spanSeconds(), 1e-12);
    assertEquals(2.8 / 4.0, a.efficiency(), 1e-12);
    assertEquals((2.8 + 1.0) / (4.0 + 1.0), WorkerTimes.overallEfficiency(w), 1e-12);
  }

  /** 10 tasks x 4 learners x 600 splits: every file stays small, the plots summarise, the tables stay whole. */
  @Test
  void outputsStaySmallWhateverTheNumberOfSplits() throws IOException {
    RecordStore store = new RecordStore();
    java.util.Random random = new java.util.Random(3);
    String[] sets = {"same", "other", "all"};
    long t = 1_700_000_000_000L;
    int n = 0;
    for (int task = 0; task < 10; task++) {
      for (int learner = 0; learner < 4; learner++) {
        for (int it = 1; it <= 600; it++) {
          boolean fail = n % 997 == 0;
          Map<String, Double> m = new LinkedHashMap<>();
          m.put("regr.rmse", fail ? null : 1 + random.nextGaussian() * 0.1);
          String set = sets[(it - 1) % 3];
          store.add(new SplitRecord("t" + task + "/l" + learner + "/" + it, "t" + task, "h", task, "l" + learner, learner,
              it, (it - 1) / 3 % 2 == 0 ? "A" : "B", set, 2, (it - 1) / 6 % 10 + 1, (it - 1) / 60 + 1, 2, m, 50, 10, 0.01,
              0.001, "w" + n % 4, 2, 1, t + n, t + n + 3, fail ? "boom" : null));
          n++;
        }
      }
    }
    Outputs.Written w = Outputs.write(dir, store, null);
    assertTrue(w.statsSkipped() == null, w.statsSkipped());
    assertEquals(24_001, Files.readAllLines(dir.resolve("scores.csv")).size(), "every split in the score table");
    String svg = Files.readString(dir.resolve("score.svg"));
    assertTrue(svg.contains("of the splits of each line"), "summarised score plot");
    // the SVG's size follows its panels (at most 8 x 8, axis text drawn as outlines), no longer its splits
    assertTrue(Files.size(dir.resolve("score.svg")) < 4_000_000, "score.svg is " + Files.size(dir.resolve("score.svg")));
    for (String f : List.of("score.png", "report.html")) {
      assertTrue(Files.size(dir.resolve(f)) < 2_000_000, f + " is " + Files.size(dir.resolve(f)) + " bytes");
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("24000 (25 failed)"), "summary");
    assertTrue(html.contains("busy slots per worker over time"), "worker timeline summarised");
  }

  private static SplitRecord record(String worker, int slots, long assigned, long recorded, double busy) {
    return new SplitRecord("t/l/1", "t", "h", 0, "l", 0, 1, "full", "same", 1, 1, 1, 1, Map.of("regr.rmse", 1.0), 1, 1,
        busy, 0, worker, slots, 1, assigned, recorded, null);
  }
}
