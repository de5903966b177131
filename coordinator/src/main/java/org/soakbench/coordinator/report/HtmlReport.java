package org.soakbench.coordinator.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.soakbench.coordinator.output.AtomicFile;
import org.soakbench.coordinator.schedule.CostAccount;
import org.soakbench.coordinator.output.Formats;
import org.soakbench.coordinator.record.RecordStore;
import org.soakbench.coordinator.stats.PValue;
import org.soakbench.coordinator.stats.PValueEngine;

/**
 * {@code report.html}: one self-contained page (images inlined) with the run's summary, the
 * p-value plot and tables, the score plot, down-sampled comparisons, failed splits and per-worker
 * timing.
 */
public final class HtmlReport {
  /** At most this many failed splits are listed (in row order); the score table has them all. */
  static final int FAILED_MAX = 100;
  /** At most this many rows of each statistics table are shown; the CSV files have them all. */
  static final int TABLE_MAX = 500;
  private final StringBuilder html = new StringBuilder();

  private HtmlReport() {}

  /**
   * @param pvalue the statistics, or null when they could not be computed ({@code why} says why)
   */
  public static void write(Path dir, RecordStore store, String valueVar, PValue.Tables pvalue, String why,
      List<PValue.DownsampleTables> downsamples, List<CostAccount.Line> costs) throws IOException {
    HtmlReport r = new HtmlReport();
    r.page(dir, store, valueVar, pvalue, why, downsamples, costs);
    AtomicFile.writeString(dir.resolve("report.html"), r.html);
  }

  private void page(Path dir, RecordStore store, String valueVar, PValue.Tables pvalue, String why,
      List<PValue.DownsampleTables> downsamples, List<CostAccount.Line> costs) throws IOException {
    List<WorkerTimes> workers = WorkerTimes.of(store);
    int[] failed = store.failedRows();
    Set<String> tasks = new LinkedHashSet<>();
    store.tasks().forEach(t -> tasks.add(t.id()));
    Set<String> learners = new LinkedHashSet<>();
    store.learners().forEach(l -> learners.add(l.id()));
    long first = workers.stream().mapToLong(WorkerTimes::firstMillis).min().orElse(0);
    long last = workers.stream().mapToLong(WorkerTimes::lastMillis).max().orElse(0);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>soakbench report</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;"
            + "font-size:13px;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}"
            + "th{background:#eee}td.t,th.t{text-align:left}img{max-width:100%;border:1px solid #ddd}"
            + "caption{text-align:left;font-weight:bold;padding:4px 0}</style></head><body>\n");
    html.append("<h1>soakbench report</h1>\n<table>");
    row("folder", dir.toAbsolutePath().toString());
    row("generated", Instant.now().toString());
    row("tasks", String.join(", ", tasks));
    row("learners", String.join(", ", learners));
    row("splits", store.size() + " (" + failed.length + " failed)");
    row("measure of the statistics", valueVar == null ? "none" : valueVar);
    row("makespan", Formats.number((last - first) / 1000.0) + " s (first hand-out to last recorded split)");
    row("workers", String.valueOf(workers.size()));
    row("efficiency", pct(WorkerTimes.overallEfficiency(workers))
        + " (busy worker-seconds / available worker-seconds)");
    html.append("</table>\n");

    html.append("<h2>Same / other / all</h2>\n");
    if (pvalue == null) {
      html.append("<p>No p-values: ").append(esc(why)).append("</p>\n");
    } else {
      image(dir.resolve("pvalue.png"), "p-value plot");
      pvalTable(pvalue.result().pvals());
      statsTable(pvalue.result().stats());
    }
    if (Files.exists(dir.resolve("score.png"))) {
      html.append("<h2>Every split</h2>\n");
      image(dir.resolve("score.png"), "score plot");
    }
    if (!downsamples.isEmpty()) {
      html.append("<h2>Down-sampled train sets</h2>\n<p>Each comparison again at the smallest common train size, as "
          + "<code>pvalue_downsample</code> computes it.</p>\n");
      for (PValue.DownsampleTables d : downsamples) {
        html.append("<table><caption>").append(esc(d.caption())).append("</caption><tr>");
        header("sample size", "compared", "mean diff", "P (paired)", "P (Welch)", "same", "compared mean", "N");
        for (PValueEngine.PvalRow p : d.result().pvals()) {
          html.append("<tr>");
          cells(true, p.range().get(0), p.trainSubsets());
          cells(false, num(p.meanDiff()), p.label(), num(p.pUnpaired()), num(p.sameMean()), num(p.compareMean()),
              String.valueOf(p.n()));
          html.append("</tr>\n");
        }
        html.append("</table>\n");
      }
    }
    html.append("<h2>Failed splits</h2>\n");
    if (failed.length == 0) {
      html.append("<p>None.</p>\n");
    } else {
      if (failed.length > FAILED_MAX) {
        html.append("<p>The first ").append(FAILED_MAX).append(" of ").append(failed.length)
            .append(" failed splits; all of them are in scores.csv (column error).</p>\n");
      }
      html.append("<table><tr>");
      header("split", "worker", "attempts", "error");
      for (int i = 0; i < Math.min(failed.length, FAILED_MAX); i++) {
        int r = failed[i];
        html.append("<tr>");
        cells(true, store.id(r), store.worker(r).name());
        cells(false, String.valueOf(store.attempts(r)));
        cells(true, store.error(r));
        html.append("</tr>\n");
      }
      html.append("</table>\n");
    }
    html.append("<h2>Workers</h2>\n<table><tr>");
    header("worker", "slots", "splits", "busy s", "span s", "efficiency");
    for (WorkerTimes w : workers) {
      html.append("<tr>");
      cells(true, w.worker());
      cells(false, String.valueOf(w.slots()), String.valueOf(w.splits()), Formats.number(round(w.busySeconds())),
          Formats.number(round(w.spanSeconds())), pct(w.efficiency()));
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    Path gantt = Files.createTempFile("soakbench-gantt", ".png");
    try {
      GanttPlot.save(store, gantt);
      image(gantt, store.size() > GanttPlot.BARS_MAX ? "busy slots per worker over time" : "splits per worker over time");
    } finally {
      Files.deleteIfExists(gantt);
    }
    costTable(costs);
    html.append("</body></html>\n");
  }

  /** Predicted against actual seconds per learner (only for a run: {@code report} from a journal has none). */
  private void costTable(List<CostAccount.Line> costs) {
    if (costs.isEmpty()) {
      return;
    }
    html.append("<h2>Scheduling</h2>\n<p>Splits went out longest expected first. The cost model predicts each split's "
        + "seconds from its learner and size (train rows x features) as a x size<sup>b</sup>, learned from the "
        + "splits that finished; here is each prediction, made before the split's own result, against the time "
        + "it took.</p>\n<table><tr>");
    header("learner", "splits", "predicted", "exponent b", "expected s", "actual s", "typical error");
    for (CostAccount.Line c : costs) {
      html.append("<tr>");
      cells(true, c.learner());
      cells(false, String.valueOf(c.runs()), String.valueOf(c.predicted()), num(c.slope()),
          Formats.number(round(c.expectedSeconds())), Formats.number(round(c.actualSeconds())),
          Double.isNaN(c.typicalErrorFactor()) ? "-" : "x" + num(c.typicalErrorFactor()));
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private void pvalTable(List<PValueEngine.PvalRow> rows) {
    html.append("<table><caption>Paired t-tests against same (pvalue_pvals.csv)</caption><tr>");
    header("task", "test subset", "algorithm", "compared", "mean diff", "P (paired)", "P (Welch)", "same mean",
        "compared mean", "N");
    for (PValueEngine.PvalRow p : rows.subList(0, Math.min(rows.size(), TABLE_MAX))) {
      html.append("<tr>");
      cells(true, p.range().get(0), p.range().get(1), p.panel().get(0), p.trainSubsets());
      cells(false, num(p.meanDiff()), p.label(), num(p.pUnpaired()), num(p.sameMean()), num(p.compareMean()),
          String.valueOf(p.n()));
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    shownOf(rows.size(), "pvalue_pvals.csv");
  }

  /** Says where the rows a capped table leaves out are. */
  private void shownOf(int rows, String file) {
    if (rows > TABLE_MAX) {
      html.append("<p>The first ").append(TABLE_MAX).append(" of ").append(rows).append(" rows; all of them are in ")
          .append(file).append(".</p>\n");
    }
  }

  private void statsTable(List<PValueEngine.StatsRow> rows) {
    html.append("<table><caption>Mean ± SD over test folds (pvalue_stats.csv)</caption><tr>");
    header("task", "test subset", "algorithm", "train subsets", "train groups", "mean ± sd", "folds");
    for (PValueEngine.StatsRow s : rows.subList(0, Math.min(rows.size(), TABLE_MAX))) {
      html.append("<tr>");
      cells(true, s.range().get(0), s.range().get(1), s.panel().get(0), s.trainSubsets());
      cells(false, String.valueOf(s.nTrainGroups()), s.label(), String.valueOf(s.length()));
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    shownOf(rows.size(), "pvalue_stats.csv");
  }

  private void image(Path png, String alt) throws IOException {
    html.append("<p><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\"></p>\n");
  }

  private void row(String key, String value) {
    html.append("<tr><th class=\"t\">").append(esc(key)).append("</th><td class=\"t\">").append(esc(value))
        .append("</td></tr>\n");
  }

  private void header(String... names) {
    for (String n : names) {
      html.append("<th>").append(esc(n)).append("</th>");
    }
    html.append("</tr>\n");
  }

  private void cells(boolean text, String... values) {
    for (String v : values) {
      html.append(text ? "<td class=\"t\">" : "<td>").append(esc(v)).append("</td>");
    }
  }

  private static String num(Double v) {
    return v == null ? "NA" : Double.isNaN(v) ? "NaN" : String.format("%.4g", v);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "NA" : String.format("%.1f %%", 100 * v);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
