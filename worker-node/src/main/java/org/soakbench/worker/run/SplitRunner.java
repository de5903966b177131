package org.soakbench.worker.run;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TrainTest;
import org.soakbench.worker.learn.LearnerRegistry;
import org.soakbench.worker.learn.Model;
import org.soakbench.worker.learn.Prediction;
import org.soakbench.worker.learn.SplitContext;
import org.soakbench.worker.measure.MeasureCalculator;

/** Runs one split: rows from the resampling instance, fit, predict, score. Failures become error rows. */
public final class SplitRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SplitRunner.class);
  private final LearnerRegistry learners;

  public SplitRunner(LearnerRegistry learners) {
    this.learners = learners;
  }

  public SplitResult run(TaskBundle bundle, SplitJob job, String worker) {
    TrainTest rows = bundle.instance().rows(job.iteration());
    long t0 = System.nanoTime();
    double trainSeconds = 0;
    try {
      Model model = learners.trainer(job.learner(), bundle.data().kind())
          .fit(bundle.data(), rows.train(), new SplitContext(job.seed(), job.iteration()));
      long t1 = System.nanoTime();
      trainSeconds = (t1 - t0) / 1e9;
      Prediction p = model.predict(bundle.data(), rows.test());
      double predictSeconds = (System.nanoTime() - t1) / 1e9;
      List<Double> measures = MeasureCalculator.compute(job.measures(), bundle.data(), rows.test(), p);
      return new SplitResult(job.jobId(), job.attempt(), measures, rows.train().length, rows.test().length,
          trainSeconds, predictSeconds, worker, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(job, rows, worker, trainSeconds, "interrupted");
    } catch (Exception | StackOverflowError e) {
      LOG.warn("split {} attempt {} failed", job.jobId(), job.attempt(), e);
      return error(job, rows, worker, trainSeconds, describe(e));
    } catch (OutOfMemoryError e) {
      return error(job, rows, worker, trainSeconds, SplitResult.OUT_OF_MEMORY);
    }
  }

  private static SplitResult error(SplitJob job, TrainTest rows, String worker, double trainSeconds, String message) {
    return new SplitResult(job.jobId(), job.attempt(), List.of(), rows.train().length, rows.test().length,
        trainSeconds, 0, worker, message);
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage() == null ? "" : ": " + e.getMessage();
    return (e.getClass().getSimpleName() + msg).replace('\n', ' ').replace('\r', ' ');
  }
}
