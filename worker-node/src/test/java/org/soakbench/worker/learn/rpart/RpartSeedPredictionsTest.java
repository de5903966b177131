package org.soakbench.worker.learn.rpart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed experiment's 480 {@code regr.rpart} predictions of R ({@code reference/seed/predictions.csv}):
 * each split of {@code splits.csv} fitted on its train rows in the listed order, y ~ x, and its
 * test rows predicted, every value equal to R's double.
 */
class RpartSeedPredictionsTest {
  private static final Path SEED = Path.of(System.getProperty("soakbench.root", ".."), "reference/seed");

  /** Lines split at commas (these files quote nothing). */
  private static List<String[]> rows(String file) throws Exception {
    return Files.readAllLines(SEED.resolve(file)).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  private static int column(String file, String name) throws Exception {
    return List.of(Files.readAllLines(SEED.resolve(file)).get(0).split(",")).indexOf(name);
  }

  @Test
  void everyRpartPredictionOfTheSeedIsRs() throws Exception {
    Map<String, double[]> x = new HashMap<>();
    Map<String, double[]> y = new HashMap<>();
    for (String task : List.of("easy", "impossible")) {
      List<String[]> data = rows("data_" + task + ".csv");
      double[] xs = new double[data.size()];
      double[] ys = new double[data.size()];
      for (String[] r : data) {
        int id = Integer.parseInt(r[0]);
        xs[id - 1] = Double.parseDouble(r[1]);
        ys[id - 1] = Double.parseDouble(r[3]);
      }
      x.put(task, xs);
      y.put(task, ys);
    }
    Map<String, Double> expected = new HashMap<>();
    for (String[] r : rows("predictions.csv")) {
      if (r[1].equals("regr.rpart")) {
        expected.put(r[0] + "/" + r[2] + "/" + r[3], Double.parseDouble(r[5]));
      }
    }
    assertEquals(480, expected.size());
    int task = column("splits.csv", "task_id");
    int iteration = column("splits.csv", "iteration");
    int testCol = column("splits.csv", "test");
    int trainCol = column("splits.csv", "train");
    int checked = 0;
    for (String[] split : rows("splits.csv")) {
      String t = split[task];
      int[] train = java.util.Arrays.stream(split[trainCol].split(" ")).mapToInt(Integer::parseInt).toArray();
      double[] tx = new double[train.length];
      double[] ty = new double[train.length];
      for (int i = 0; i < train.length; i++) {
        tx[i] = x.get(t)[train[i] - 1];
        ty[i] = y.get(t)[train[i] - 1];
      }
      RpartTree tree = Rpart.anova(new double[][] {tx}, new int[] {0}, ty, RpartControl.defaults());
      for (String id : split[testCol].split(" ")) {
        double got = tree.predict(new double[] {x.get(t)[Integer.parseInt(id) - 1]}).yval();
        String key = t + "/" + split[iteration] + "/" + id;
        assertEquals(expected.get(key), got, 0.0, key);
        checked++;
      }
    }
    assertEquals(480, checked);
  }
}
