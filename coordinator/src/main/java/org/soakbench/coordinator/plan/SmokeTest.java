package org.soakbench.coordinator.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.soakbench.coordinator.data.LoadedTask;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.TaskData;

/**
 * A smoke test of an experiment, as mlr3resampling's {@code proj_test()}: every task down-sampled to
 * its first {@code groupsPerStratum} groups (rows, without a group role) of each stratum and subset
 * in file order (and of each fixed fold, when folds are fixed, so that every fold keeps rows), and
 * one split per task x learner, the first iteration. It finds errors of configuration, data and
 * learners in seconds, before the whole grid runs. Pure: the planner applies it.
 */
public record SmokeTest(int groupsPerStratum) {
  /** Ten a stratum, as {@code proj_test}'s {@code min_samples_per_stratum}. */
  public static final SmokeTest DEFAULT = new SmokeTest(10);

  public SmokeTest {
    if (groupsPerStratum < 1) {
      throw new IllegalArgumentException("groupsPerStratum must be at least 1, not " + groupsPerStratum);
    }
  }

  /** The task's first groups of each stratum (at least {@code folds} of each, so that every fold gets one). */
  LoadedTask sample(LoadedTask task, int folds) {
    TaskRoles roles = task.roles();
    int perKey = Math.max(groupsPerStratum, roles.fold() == null ? folds : 1);
    Map<String, Integer> admitted = new HashMap<>();
    Map<Integer, Boolean> groupKept = new HashMap<>();
    int[] keep = new int[roles.rows()];
    int n = 0;
    for (int row = 0; row < roles.rows(); row++) {
      int group = roles.group()[row];
      Boolean kept = groupKept.get(group);
      if (kept == null) {
        // per stratum and subset (every subset keeps rows when the subset is no stratum) and fixed fold
        String key = roles.stratum()[row] + "\u0000" + (roles.subset() == null ? "" : roles.subset()[row]) + "\u0000"
            + (roles.fold() == null ? 0 : roles.fold()[row]);
        int count = admitted.getOrDefault(key, 0);
        kept = count < perKey;
        if (kept) {
          admitted.put(key, count + 1);
        }
        groupKept.put(group, kept);
      }
      if (kept) {
        keep[n++] = row;
      }
    }
    int[] rows = java.util.Arrays.copyOf(keep, n);
    return new LoadedTask(task.spec(), rowsOf(task.data(), rows), rowsOf(roles, rows), task.hash() + "-smoke");
  }

  /** Only the first iteration of the task's resampling. */
  ResamplingInstance firstIteration(ResamplingInstance instance) {
    return new ResamplingInstance(instance.subsetLevels(), instance.subset(), instance.group(), instance.fold(),
        List.of(instance.iterations().get(0)));
  }

  private static TaskData rowsOf(TaskData d, int[] rows) {
    List<FeatureColumn> features = new ArrayList<>(d.features().size());
    for (FeatureColumn f : d.features()) {
      features.add(new FeatureColumn(f.name(), rowsOf(f.values(), rows), f.levels()));
    }
    return new TaskData(d.taskId(), d.kind(), features, rowsOf(d.target(), rows), d.classLevels(), d.positiveClass(),
        d.targetName());
  }

  private static TaskRoles rowsOf(TaskRoles r, int[] rows) {
    String[] subset = r.subset() == null ? null : new String[rows.length];
    int[] stratum = new int[rows.length];
    int[] group = new int[rows.length];
    int[] fold = r.fold() == null ? null : new int[rows.length];
    // groups and strata keep their order of first appearance, renumbered without the rows left out
    Map<Integer, Integer> groupCode = new HashMap<>();
    Map<Integer, Integer> stratumId = new HashMap<>();
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      if (subset != null) {
        subset[i] = r.subset()[row];
      }
      stratum[i] = stratumId.computeIfAbsent(r.stratum()[row], s -> stratumId.size() + 1);
      group[i] = groupCode.computeIfAbsent(r.group()[row], g -> groupCode.size());
      if (fold != null) {
        fold[i] = r.fold()[row];
      }
    }
    return new TaskRoles(subset, stratum, group, fold, r.subsetNumeric());
  }

  private static double[] rowsOf(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}
