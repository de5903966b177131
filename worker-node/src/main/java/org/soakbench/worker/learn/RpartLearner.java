package org.soakbench.worker.learn;

import java.util.List;
import java.util.Set;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskKind;
import org.soakbench.worker.learn.rpart.Rpart;
import org.soakbench.worker.learn.rpart.RpartControl;
import org.soakbench.worker.learn.rpart.RpartNode;
import org.soakbench.worker.learn.rpart.RpartTree;

/**
 * R's rpart as mlr3's {@code regr.rpart} / {@code classif.rpart} run it (anova; class with Gini,
 * default priors and loss), ported in {@code learn/rpart}: the same tree and predictions as R on
 * data without missing values. Features go in the experiment's order (as mlr3 with
 * {@code col_roles$feature} assigned), train rows in the split's order; a categorical feature is an
 * unordered factor of all its levels. {@code xval} is accepted and ignored: rpart's
 * cross-validation never changes the fitted tree (and mlr3 sets it to 0).
 */
public final class RpartLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "rpart";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("cp", "minsplit", "minbucket", "maxdepth", "maxcompete", "maxsurrogate", "usesurrogate",
        "surrogatestyle", "xval");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    RpartControl control = control(p);
    if (kind == TaskKind.REGRESSION) {
      return (data, rows, split) -> {
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          y[i] = data.target()[rows[i]];
        }
        RpartTree tree = Rpart.anova(columns(data, rows), levelCounts(data), y, forData(control, data));
        return (d, test) -> {
          double[] r = new double[test.length];
          double[] row = new double[d.features().size()];
          for (int i = 0; i < test.length; i++) {
            r[i] = tree.predict(row(d, test[i], row)).yval();
          }
          return new Prediction(r, null);
        };
      };
    }
    return (data, rows, split) -> {
      int[] levelOfCode = levelOfCode(data);
      int[] codeOfLevel = new int[levelOfCode.length];
      for (int c = 0; c < levelOfCode.length; c++) {
        codeOfLevel[levelOfCode[c]] = c + 1;
      }
      int[] y = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        y[i] = codeOfLevel[(int) data.target()[rows[i]]];
      }
      RpartTree tree;
      try {
        tree = Rpart.classification(columns(data, rows), levelCounts(data), y, forData(control, data));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " ('" + data.classLevels().get(levelOfCode[0]) + "')", e);
      }
      return (d, test) -> {
        double[] r = new double[test.length];
        double[][] prob = new double[test.length][];
        double[] row = new double[d.features().size()];
        for (int i = 0; i < test.length; i++) {
          RpartNode node = tree.predict(row(d, test[i], row));
          r[i] = levelOfCode[(int) node.yval() - 1];
          double[] byCode = tree.probabilities(node);
          prob[i] = new double[d.classes()];
          for (int c = 0; c < byCode.length; c++) {
            prob[i][levelOfCode[c]] = byCode[c];
          }
        }
        return new Prediction(r, prob);
      };
    };
  }

  private static RpartControl control(LearnerParams p) {
    Integer minsplit = p.has("minsplit") ? p.integer("minsplit", 20, 1, Integer.MAX_VALUE) : null;
    Integer minbucket = p.has("minbucket") ? p.integer("minbucket", 7, 1, Integer.MAX_VALUE) : null;
    p.integer("xval", 0, 0, Integer.MAX_VALUE);
    try {
      return RpartControl.of(minsplit, minbucket, p.number("cp", 0.01, 0, 1), p.integer("maxcompete", 4, 0, 1000),
          p.integer("maxsurrogate", 5, 0, 1000), p.integer("usesurrogate", 2, 0, 2),
          p.integer("surrogatestyle", 0, 0, 1), p.integer("maxdepth", 30, 1, 30));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("rpart: " + e.getMessage());
    }
  }

  /**
   * Surrogates serve only rows a primary split cannot route: a missing value (the loader admits
   * none in features) or a factor level the node never saw. Without factors they are never read.
   */
  private static RpartControl forData(RpartControl control, TaskData data) {
    return data.features().stream().anyMatch(FeatureColumn::categorical) ? control : control.withoutSurrogates();
  }

  /**
   * rpart's class codes 1.. by task level: mlr3 puts the positive class first in a binary task, and
   * keeps the level order otherwise.
   */
  private static int[] levelOfCode(TaskData data) {
    int k = data.classes();
    int[] out = new int[k];
    if (k == 2 && data.positiveClass() >= 0) {
      out[0] = data.positiveClass();
      out[1] = 1 - data.positiveClass();
      return out;
    }
    for (int c = 0; c < k; c++) {
      out[c] = c;
    }
    return out;
  }

  private static int[] levelCounts(TaskData data) {
    List<FeatureColumn> f = data.features();
    int[] ncat = new int[f.size()];
    for (int v = 0; v < ncat.length; v++) {
      ncat[v] = f.get(v).categorical() ? f.get(v).levels().size() : 0;
    }
    return ncat;
  }

  /** The train rows of every feature, in the split's row order; factor codes 1.. as R's. */
  private static double[][] columns(TaskData data, int[] rows) {
    List<FeatureColumn> f = data.features();
    double[][] x = new double[f.size()][rows.length];
    for (int v = 0; v < x.length; v++) {
      double[] values = f.get(v).values();
      double shift = f.get(v).categorical() ? 1 : 0;
      for (int i = 0; i < rows.length; i++) {
        x[v][i] = values[rows[i]] + shift;
      }
    }
    return x;
  }

  private static double[] row(TaskData data, int r, double[] into) {
    List<FeatureColumn> f = data.features();
    for (int v = 0; v < into.length; v++) {
      into[v] = f.get(v).values()[r] + (f.get(v).categorical() ? 1 : 0);
    }
    return into;
  }
}
