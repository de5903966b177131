package org.soakbench.coordinator.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.soakbench.coordinator.output.AtomicFile;
import org.soakbench.coordinator.output.CsvFile;
import org.soakbench.coordinator.output.Formats;

/** Writes the p-value tables with the columns of {@code reference/seed/pvalue_*.csv} (NA and NaN as R writes them). */
public final class PValueWriter {
  private PValueWriter() {}

  public static void writePValue(PValue.Tables t, Path statsFile, Path pvalsFile) throws IOException {
    List<String> statsHeader = List.of("task_id", "test.subset", "min_val", "mid_lo", "mid", "mid_hi", "max_val",
        "algorithm", "Train_subsets", "n.train.groups", "value_mean", "value_sd", "value_length", "lo", "hi", "hjust",
        "text_label");
    List<List<String>> stats = new ArrayList<>();
    for (PValueEngine.StatsRow s : t.result().stats()) {
      List<String> row = new ArrayList<>(s.range());
      row.addAll(range(s.r()));
      row.addAll(s.panel());
      row.addAll(statsTail(s));
      stats.add(row);
    }
    write(statsFile, statsHeader, stats);
    List<String> pvalHeader = List.of("task_id", "test.subset", "min_val", "mid_lo", "mid", "mid_hi", "max_val",
        "algorithm", "Train_subsets", "mean_diff", "p.paired", "p.unpaired", "same_mean", "compare_mean", "N",
        "pmin_mean", "pmax_mean", "hjust", "text_label", "text_value");
    List<List<String>> pvals = new ArrayList<>();
    for (PValueEngine.PvalRow p : t.result().pvals()) {
      List<String> row = new ArrayList<>(p.range());
      row.addAll(range(p.r()));
      row.addAll(p.panel());
      row.addAll(pvalTail(p));
      pvals.add(row);
    }
    write(pvalsFile, pvalHeader, pvals);
  }

  public static void writeDownsample(PValue.DownsampleTables t, Path statsFile, Path pvalsFile, Path captionFile)
      throws IOException {
    List<String> statsHeader = List.of("sample_size", "min_val", "mid_lo", "mid", "mid_hi", "max_val", "Train_subsets",
        "n.train.groups", "value_mean", "value_sd", "value_length", "lo", "hi", "hjust", "text_label");
    List<List<String>> stats = new ArrayList<>();
    for (PValueEngine.StatsRow s : t.result().stats()) {
      List<String> row = new ArrayList<>(s.range());
      row.addAll(range(s.r()));
      row.addAll(statsTail(s));
      stats.add(row);
    }
    write(statsFile, statsHeader, stats);
    List<String> pvalHeader = List.of("sample_size", "min_val", "mid_lo", "mid", "mid_hi", "max_val", "Train_subsets",
        "mean_diff", "p.paired", "p.unpaired", "same_mean", "compare_mean", "N", "pmin_mean", "pmax_mean", "hjust",
        "text_label", "text_value");
    List<List<String>> pvals = new ArrayList<>();
    for (PValueEngine.PvalRow p : t.result().pvals()) {
      List<String> row = new ArrayList<>(p.range());
      row.addAll(range(p.r()));
      row.addAll(pvalTail(p));
      pvals.add(row);
    }
    write(pvalsFile, pvalHeader, pvals);
    AtomicFile.writeString(captionFile, t.caption() + "\n" + String.join("|", t.labelOrder()) + "\n");
  }

  private static List<String> range(PValueEngine.Range r) {
    return List.of(num(r.min()), num(r.midLo()), num(r.mid()), num(r.midHi()), num(r.max()));
  }

  private static List<String> statsTail(PValueEngine.StatsRow s) {
    return List.of(s.trainSubsets(), String.valueOf(s.nTrainGroups()), num(s.mean()), num(s.sd()),
        String.valueOf(s.length()), num(s.lo()), num(s.hi()), num(s.hjust()), s.label());
  }

  private static List<String> pvalTail(PValueEngine.PvalRow p) {
    return List.of(p.trainSubsets(), num(p.meanDiff()), num(p.pPaired()), num(p.pUnpaired()), num(p.sameMean()),
        num(p.compareMean()), String.valueOf(p.n()), num(p.pmin()), num(p.pmax()), num(p.hjust()), p.label(),
        num(p.textValue()));
  }

  static String num(Double v) {
    return v == null ? "NA" : Formats.number(v);
  }

  private static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
    CsvFile.write(file, out -> {
      out.printRecord(header);
      for (List<String> row : rows) {
        out.printRecord(row);
      }
    });
  }
}
