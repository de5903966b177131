package org.soakbench.worker.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import smile.classification.Classifier;
import smile.classification.DataFrameClassifier;
import smile.data.DataFrame;
import smile.regression.DataFrameRegression;
import org.soakbench.protocol.TaskData;

/** Wraps fitted Smile models as soakbench {@link Model}s. */
final class SmileModels {
  private SmileModels() {}

  /** A regression model over a frame built by {@code frames}. */
  static Model regression(DataFrameRegression model, BiFunction<TaskData, int[], DataFrame> frames) {
    return (data, rows) -> new Prediction(model.predict(frames.apply(data, rows)), null);
  }

  /** A classifier trained on compact class codes, over a frame built by {@code frames}. */
  static Model classifier(DataFrameClassifier model, ClassCodes codes, BiFunction<TaskData, int[], DataFrame> frames) {
    return (data, rows) -> {
      DataFrame df = frames.apply(data, rows);
      List<double[]> post = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        post.add(new double[model.numClasses()]);
      }
      int[] labels = model.soft() ? model.predict(df, post) : model.predict(df);
      return prediction(labels, model.soft() ? post : null, model.classes(), codes, data.classes());
    };
  }

  /** A classifier over design-matrix rows, trained on compact class codes. */
  static Model matrixClassifier(Classifier<double[]> model, ClassCodes codes,
      BiFunction<TaskData, int[], double[][]> matrices) {
    return (data, rows) -> {
      double[][] x = matrices.apply(data, rows);
      int[] labels = new int[rows.length];
      List<double[]> post = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        double[] p = new double[model.numClasses()];
        labels[i] = model.soft() ? model.predict(x[i], p) : model.predict(x[i]);
        post.add(p);
      }
      return prediction(labels, model.soft() ? post : null, model.classes(), codes, data.classes());
    };
  }

  /** Maps Smile's labels and posteriors (over the classes it saw) back to the task's class codes. */
  private static Prediction prediction(int[] labels, List<double[]> post, int[] modelClasses, ClassCodes codes,
      int taskClasses) {
    double[] response = new double[labels.length];
    double[][] probs = post == null ? null : new double[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      response[i] = codes.original(labels[i]);
      if (probs != null) {
        probs[i] = new double[taskClasses];
        for (int k = 0; k < modelClasses.length; k++) {
          probs[i][codes.original(modelClasses[k])] = post.get(i)[k];
        }
      }
    }
    return new Prediction(response, probs);
  }
}
