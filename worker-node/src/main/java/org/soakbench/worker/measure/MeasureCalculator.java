package org.soakbench.worker.measure;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.soakbench.protocol.PreciseMath;
import org.soakbench.protocol.TaskData;
import org.soakbench.worker.learn.Prediction;

/** Scores predictions of test rows with mlr3measures' definitions. */
public final class MeasureCalculator {
  /** mlr3measures clips probabilities to [eps, 1-eps] before taking logs. */
  private static final double EPS = 1e-15;

  private MeasureCalculator() {}

  public static List<Double> compute(List<String> measures, TaskData data, int[] test, Prediction p) {
    double[] truth = new double[test.length];
    for (int i = 0; i < test.length; i++) {
      truth[i] = data.target()[test[i]];
    }
    List<Double> out = new ArrayList<>();
    for (String m : measures) {
      out.add(measure(m, truth, p, data));
    }
    return out;
  }

  static double measure(String name, double[] truth, Prediction p, TaskData data) {
    double[] r = p.response();
    int n = truth.length;
    if (n == 0) {
      return Double.NaN;
    }
    return switch (name) {
      case "mse" -> PreciseMath.mean(squares(truth, r));
      case "rmse" -> Math.sqrt(PreciseMath.mean(squares(truth, r)));
      case "mae" -> {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = Math.abs(truth[i] - r[i]);
        }
        yield PreciseMath.mean(a);
      }
      case "rsq" -> {
        double mean = PreciseMath.mean(truth);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
          dev[i] = (truth[i] - mean) * (truth[i] - mean);
        }
        yield 1 - PreciseMath.sum(squares(truth, r)) / PreciseMath.sum(dev);
      }
      case "ce" -> errors(truth, r) / n;
      case "acc" -> 1 - errors(truth, r) / n;
      // as mlr3 scores a prediction without probabilities: NaN for these two, the other measures stand
      case "auc" -> p.probabilities() == null ? Double.NaN : auc(truth, p.probabilities(), data.positiveClass());
      case "logloss" -> {
        double[][] prob = p.probabilities();
        if (prob == null) {
          yield Double.NaN;
        }
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
          double q = Math.min(1 - EPS, Math.max(EPS, prob[i][(int) truth[i]]));
          l[i] = -Math.log(q);
        }
        yield PreciseMath.mean(l);
      }
      default -> throw new IllegalArgumentException("unknown measure " + name);
    };
  }

  /** Area under the ROC curve by the rank-sum (Mann-Whitney) statistic; ties count one half. */
  static double auc(double[] truth, double[][] prob, int positive) {
    int n = truth.length;
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      score[i] = prob[i][positive];
    }
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(score);
    double nPos = 0;
    double rankSum = 0;
    for (int i = 0; i < n; i++) {
      if ((int) truth[i] == positive) {
        nPos++;
        rankSum += ranks[i];
      }
    }
    double nNeg = n - nPos;
    if (nPos == 0 || nNeg == 0) {
      return Double.NaN; // undefined with a single class in the test set, as in mlr3measures
    }
    return (rankSum - nPos * (nPos + 1) / 2) / (nPos * nNeg);
  }

  private static double[] squares(double[] truth, double[] r) {
    double[] s = new double[truth.length];
    for (int i = 0; i < truth.length; i++) {
      double d = truth[i] - r[i];
      s[i] = d * d;
    }
    return s;
  }

  private static double errors(double[] truth, double[] r) {
    double e = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] != r[i]) {
        e++;
      }
    }
    return e;
  }
}
