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

  /** A classifier over a frame built by {@code frames}, with posteriors when the model has them. */
  static Model classifier(DataFrameClassifier model, BiFunction<TaskData, int[], DataFrame> frames) {
    return (data, rows) -> {
      DataFrame df = frames.apply(data, rows);
      List<double[]> post = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        post.add(new double[model.numClasses()]);
      }
      int[] labels = model.soft() ? model.predict(df, post) : model.predict(df);
      return prediction(labels, model.soft() ? post : null, model.classes(), data.classes());
    };
  }

  /** A classifier over design-matrix rows. */
  static Model matrixClassifier(Classifier<double[]> model, BiFunction<TaskData, int[], double[][]> matrices) {
    return (data, rows) -> {
      double[][] x = matrices.apply(data, rows);
      int[] labels = new int[rows.length];
      List<double[]> post = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        double[] p = new double[model.numClasses()];
        labels[i] = model.soft() ? model.predict(x[i], p) : model.predict(x[i]);
        post.add(p);
      }
      return prediction(labels, model.soft() ? post : null, model.classes(), data.classes());
    };
  }

  private static Prediction prediction(int[] labels, List<double[]> post, int[] modelClasses, int taskClasses) {
    double[] response = new double[labels.length];
    double[][] probs = post == null ? null : new double[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      response[i] = labels[i];
      if (probs != null) {
        probs[i] = SmileFrames.fullPosterior(post.get(i), modelClasses, taskClasses);
      }
    }
    return new Prediction(response, probs);
  }
}
