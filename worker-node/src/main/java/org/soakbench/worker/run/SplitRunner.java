package org.soakbench.worker.run;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TrainTest;
import org.soakbench.worker.learn.LearnerRegistry;
import org.soakbench.worker.learn.external.Interpreter;
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

  /** Trains {@code learner} on the job's iteration of {@code bundle} and scores it with {@code measures}. */
  public SplitResult run(TaskBundle bundle, LearnerSpec learner, List<String> measures, SplitJob job) {
    TrainTest rows = bundle.instance().rows(job.iteration());
    long t0 = System.nanoTime();
    double trainSeconds = 0;
    try {
      Model model = learners.trainer(learner, bundle.data().kind())
          .fit(bundle.data(), rows.train(), new SplitContext(job.seed(), job.iteration()));
      long t1 = System.nanoTime();
      trainSeconds = (t1 - t0) / 1e9;
      Prediction p = model.predict(bundle.data(), rows.test());
      double predictSeconds = (System.nanoTime() - t1) / 1e9;
      List<Double> scores = MeasureCalculator.compute(measures, bundle.data(), rows.test(), p);
      return new SplitResult(job.job(), job.attempt(), scores, rows.train().length, rows.test().length,
          trainSeconds, predictSeconds, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SplitResult.error(job, rows.train().length, rows.test().length, trainSeconds, "interrupted");
    } catch (Exception | StackOverflowError e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof Interpreter.Died) {
          LOG.warn("split {} of task {} with {} attempt {}: {}", job.job(), bundle.data().taskId(), learner.id(),
              job.attempt(), c.getMessage());
          // the R or Python process was lost, not the split's fault: the coordinator tries it again
          return SplitResult.error(job, rows.train().length, rows.test().length, trainSeconds,
              SplitResult.PROCESS_DIED + c.getMessage());
        }
        if (c instanceof Interpreter.ScriptError) {
          // the interpreter's traceback is in the log already (its stderr); the row gets the message,
          // the same whether fit or predict raised it
          LOG.warn("split {} of task {} with {} attempt {}: the script raised {}", job.job(), bundle.data().taskId(),
              learner.id(), job.attempt(), c.getMessage());
          return SplitResult.error(job, rows.train().length, rows.test().length, trainSeconds, describe(c));
        }
      }
      LOG.warn("split {} of task {} with {} attempt {} failed", job.job(), bundle.data().taskId(), learner.id(),
          job.attempt(), e);
      return SplitResult.error(job, rows.train().length, rows.test().length, trainSeconds, describe(e));
    } catch (OutOfMemoryError e) {
      return SplitResult.error(job, rows.train().length, rows.test().length, trainSeconds, SplitResult.OUT_OF_MEMORY);
    }
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage() == null ? "" : ": " + e.getMessage();
    return (e.getClass().getSimpleName() + msg).replace('\n', ' ').replace('\r', ' ');
  }
}
