package org.soakbench.worker.learn;

import java.util.Set;
import smile.classification.KNN;
import smile.math.distance.EuclideanDistance;
import smile.neighbor.LinearSearch;
import smile.neighbor.Neighbor;
import org.soakbench.protocol.TaskKind;

/**
 * k nearest neighbours on the one-hot design matrix, features standardised with train means and
 * SDs unless {@code scale = false}. Classification by Smile's KNN vote; regression by the mean of
 * the neighbours' targets (found with Smile's neighbour search).
 */
public final class KnnLearner implements LearnerAdapter {
  @Override
  public String type() {
    return "knn";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("k", "scale");
  }

  @Override
  public Trainer configure(LearnerParams p, TaskKind kind) {
    int k = p.integer("k", 7, 1, 100_000);
    boolean scale = p.bool("scale", true);
    return (data, rows, split) -> {
      double[][] x = SmileFrames.matrix(data, rows, false);
      Standardizer st = scale ? Standardizer.fit(x) : Standardizer.identity();
      double[][] xs = st.apply(x);
      int kk = Math.min(k, rows.length);
      if (kind == TaskKind.CLASSIFICATION) {
        ClassCodes codes = ClassCodes.of(data, rows);
        var model = KNN.fit(xs, codes.compactLabels(data, rows), kk);
        return SmileModels.matrixClassifier(model, codes, (d, r) -> st.apply(SmileFrames.matrix(d, r, false)));
      }
      double[] y = SmileFrames.pick(data.target(), rows);
      LinearSearch<double[], double[]> search = LinearSearch.of(xs, new EuclideanDistance());
      return (d, r) -> {
        double[][] q = st.apply(SmileFrames.matrix(d, r, false));
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
          double sum = 0;
          Neighbor<double[], double[]>[] nn = search.search(q[i], kk);
          for (Neighbor<double[], double[]> n : nn) {
            sum += y[n.index];
          }
          out[i] = sum / nn.length;
        }
        return new Prediction(out, null);
      };
    };
  }

  /** Centres and scales columns with statistics of the train rows only. */
  record Standardizer(double[] mean, double[] sd) {
    static Standardizer identity() {
      return new Standardizer(null, null);
    }

    static Standardizer fit(double[][] x) {
      int p = x.length == 0 ? 0 : x[0].length;
      double[] mean = new double[p];
      double[] sd = new double[p];
      for (int j = 0; j < p; j++) {
        double s = 0;
        for (double[] row : x) {
          s += row[j];
        }
        mean[j] = s / x.length;
        double ss = 0;
        for (double[] row : x) {
          ss += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        double v = Math.sqrt(ss / Math.max(1, x.length - 1));
        sd[j] = v > 0 ? v : 1; // a constant column stays constant instead of dividing by zero
      }
      return new Standardizer(mean, sd);
    }

    double[][] apply(double[][] x) {
      if (mean == null) {
        return x;
      }
      double[][] out = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        out[i] = new double[x[i].length];
        for (int j = 0; j < x[i].length; j++) {
          out[i][j] = (x[i][j] - mean[j]) / sd[j];
        }
      }
      return out;
    }
  }
}
