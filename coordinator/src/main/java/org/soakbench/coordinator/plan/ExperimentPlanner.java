package org.soakbench.coordinator.plan;

import java.util.ArrayList;
import java.util.List;
import org.soakbench.coordinator.data.LoadedTask;
import org.soakbench.coordinator.data.TaskLoader;
import org.soakbench.protocol.BadInputException;
import org.soakbench.protocol.Experiment;
import org.soakbench.protocol.LearnerCatalog;
import org.soakbench.protocol.LearnerSpec;
import org.soakbench.protocol.Measures;
import org.soakbench.protocol.ResamplingInstance;
import org.soakbench.protocol.ResamplingSpec;
import org.soakbench.protocol.Seeds;
import org.soakbench.protocol.TaskBundle;
import org.soakbench.protocol.TaskKind;

/**
 * Plans an experiment: loads every task and instantiates its resampling (all random draws happen
 * here, task by task in file order); the splits are tasks x learners x iterations, numbered by the
 * plan's {@link JobLayout}.
 */
public final class ExperimentPlanner {
  private final LearnerCatalog learners;
  private final SmokeTest smoke;

  public ExperimentPlanner(LearnerCatalog learners) {
    this(learners, null);
  }

  /** A planner of the smoke test {@code smoke} of an experiment (null: the whole experiment). */
  public ExperimentPlanner(LearnerCatalog learners, SmokeTest smoke) {
    this.learners = learners;
    this.smoke = smoke;
  }

  public PlannedExperiment plan(Experiment experiment) {
    ResamplingSpec rs = experiment.resampling();
    RRandom rRandom = null;
    if (rs.rng().equals("r")) {
      // one R stream for all tasks, as after set.seed(r-seed) and r-skip other draws in R
      rRandom = new RRandom(rs.rSeed());
      rRandom.skip(rs.rSkip());
    }
    SoakPlanner planner = new SoakPlanner(rs);
    List<PlannedTask> tasks = new ArrayList<>();
    for (var spec : experiment.tasks()) {
      LoadedTask task = TaskLoader.load(spec, rs.folds());
      if (smoke != null) {
        task = smoke.sample(task, rs.folds());
      }
      List<String> measures = measuresFor(experiment, task);
      for (LearnerSpec learner : experiment.learners()) {
        try {
          learners.validate(learner, task.data().kind());
        } catch (BadInputException e) {
          throw new BadInputException("experiment learner '" + learner.id() + "' on task '" + spec.id() + "': " + e.getMessage());
        }
      }
      PermutationSource random =
          rRandom != null ? rRandom : new SeededPermutations(Seeds.derive(experiment.seed(), "folds", spec.id()));
      ResamplingInstance instance = planner.instantiate(task.roles(), random);
      if (smoke != null) {
        instance = smoke.firstIteration(instance);
      }
      TaskBundle bundle = new TaskBundle(task.hash(), task.data(), instance);
      tasks.add(new PlannedTask(task, bundle, measures));
    }
    return PlannedExperiment.of(experiment, tasks);
  }

  private static List<String> measuresFor(Experiment experiment, LoadedTask task) {
    TaskKind kind = task.data().kind();
    if (experiment.measures().isEmpty()) {
      return List.of(Measures.defaultFor(kind));
    }
    List<String> own = experiment.measures().stream().filter(m -> Measures.kindOf(m) == kind).toList();
    if (own.isEmpty()) {
      throw new BadInputException("experiment.measures: none of " + experiment.measures() + " applies to "
          + kind.name().toLowerCase() + " task '" + task.spec().id() + "'");
    }
    if (own.contains("auc") && task.data().classes() != 2) {
      throw new BadInputException("experiment.measures: auc needs a binary target, but task '" + task.spec().id()
          + "' has " + task.data().classes() + " classes");
    }
    return own;
  }
}
