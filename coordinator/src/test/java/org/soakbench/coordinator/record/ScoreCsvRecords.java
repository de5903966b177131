package org.soakbench.coordinator.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.soakbench.coordinator.plan.ReferenceFiles;
import org.soakbench.protocol.SplitJob;

/** Recorded splits made from one of R's score tables (regr.rmse), for tests of what reads records. */
public final class ScoreCsvRecords {
  private ScoreCsvRecords() {}

  /** The rows of {@code file} in its order; task and learner numbers by first appearance. */
  public static List<SplitRecord> of(String file) throws IOException {
    Map<String, Integer> tasks = new LinkedHashMap<>();
    Map<String, Integer> learners = new LinkedHashMap<>();
    List<SplitRecord> out = new ArrayList<>();
    long t = 1_700_000_000_000L;
    for (Map<String, String> r : ReferenceFiles.csv(file)) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("regr.rmse", Double.parseDouble(r.get("regr.rmse")));
      String task = r.get("task_id");
      String learner = r.get("algorithm");
      int it = Integer.parseInt(r.get("iteration"));
      out.add(new SplitRecord(SplitJob.idOf(task, learner, it), task, "h" + task,
          tasks.computeIfAbsent(task, k -> tasks.size()), learner, learners.computeIfAbsent(learner, k -> learners.size()),
          it, r.get("test.subset"), r.get("train.subsets"), Integer.parseInt(r.get("groups")),
          Integer.parseInt(r.get("test.fold")), Integer.parseInt(r.get("seed")), Integer.parseInt(r.get("n.train.groups")),
          m, 50, 10, 0.01, 0.001, "w" + (out.size() % 3), 1, 1, t + out.size(), t + out.size() + 5, null));
    }
    return out;
  }

  /** The same records in an order a run could journal them in. */
  public static List<SplitRecord> shuffled(List<SplitRecord> records, long seed) {
    List<SplitRecord> copy = new ArrayList<>(records);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }
}
