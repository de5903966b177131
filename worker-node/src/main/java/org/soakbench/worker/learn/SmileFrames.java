package org.soakbench.worker.learn;

import java.util.ArrayList;
import java.util.List;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.measure.NominalScale;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import org.soakbench.protocol.FeatureColumn;
import org.soakbench.protocol.TaskData;

/**
 * Converts rows of a task into Smile's inputs. Columns get neutral names ({@code f0, f1, ...} and
 * {@code target_}) so any column name in the user's file is safe inside Smile's formulas.
 */
final class SmileFrames {
  static final String TARGET = "target_";
  static final Formula FORMULA = Formula.lhs(TARGET);

  private SmileFrames() {}

  /** Features only, categorical ones as nominal columns (tree learners split on them directly). */
  static DataFrame features(TaskData data, int[] rows) {
    return DataFrame.of(featureVectors(data, rows).toArray(new BaseVector[0]));
  }

  /** Features plus the numeric target. */
  static DataFrame regressionTrain(TaskData data, int[] rows) {
    List<BaseVector<?, ?, ?>> cols = featureVectors(data, rows);
    cols.add(DoubleVector.of(TARGET, pick(data.target(), rows)));
    return DataFrame.of(cols.toArray(new BaseVector[0]));
  }

  /** Features plus the class target in the train set's compact codes. */
  static DataFrame classificationTrain(TaskData data, int[] rows, ClassCodes codes) {
    List<BaseVector<?, ?, ?>> cols = featureVectors(data, rows);
    cols.add(IntVector.of(TARGET, codes.compactLabels(data, rows)));
    return DataFrame.of(cols.toArray(new BaseVector[0]));
  }

  /** One-hot coded features (first level dropped, for models with an intercept) as a numeric frame. */
  static DataFrame numericFeatures(TaskData data, int[] rows) {
    return DataFrame.of(numericVectors(data, rows).toArray(new BaseVector[0]));
  }

  /** One-hot coded features plus the numeric target. */
  static DataFrame numericRegressionTrain(TaskData data, int[] rows) {
    List<BaseVector<?, ?, ?>> cols = numericVectors(data, rows);
    cols.add(DoubleVector.of(TARGET, pick(data.target(), rows)));
    return DataFrame.of(cols.toArray(new BaseVector[0]));
  }

  /** Row-major design matrix; categorical features one-hot coded. */
  static double[][] matrix(TaskData data, int[] rows, boolean dropFirstLevel) {
    int p = width(data, dropFirstLevel);
    double[][] x = new double[rows.length][p];
    for (int i = 0; i < rows.length; i++) {
      int j = 0;
      for (FeatureColumn f : data.features()) {
        double v = f.values()[rows[i]];
        if (f.categorical()) {
          int first = dropFirstLevel ? 1 : 0;
          for (int level = first; level < f.levels().size(); level++) {
            x[i][j++] = v == level ? 1 : 0;
          }
        } else {
          x[i][j++] = v;
        }
      }
    }
    return x;
  }

  static double[] pick(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  private static List<BaseVector<?, ?, ?>> featureVectors(TaskData data, int[] rows) {
    List<BaseVector<?, ?, ?>> cols = new ArrayList<>();
    List<FeatureColumn> features = data.features();
    for (int j = 0; j < features.size(); j++) {
      FeatureColumn f = features.get(j);
      if (f.categorical()) {
        int[] codes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
          codes[i] = (int) f.values()[rows[i]];
        }
        cols.add(IntVector.of(new StructField("f" + j, DataTypes.IntegerType, new NominalScale(f.levels())), codes));
      } else {
        cols.add(DoubleVector.of("f" + j, pick(f.values(), rows)));
      }
    }
    return cols;
  }

  private static List<BaseVector<?, ?, ?>> numericVectors(TaskData data, int[] rows) {
    double[][] x = matrix(data, rows, true);
    int p = width(data, true);
    List<BaseVector<?, ?, ?>> cols = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      double[] col = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        col[i] = x[i][j];
      }
      cols.add(DoubleVector.of("f" + j, col));
    }
    return cols;
  }

  private static int width(TaskData data, boolean dropFirstLevel) {
    int p = 0;
    for (FeatureColumn f : data.features()) {
      p += f.categorical() ? f.levels().size() - (dropFirstLevel ? 1 : 0) : 1;
    }
    return p;
  }
}
