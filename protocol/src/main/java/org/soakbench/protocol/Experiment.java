package org.soakbench.protocol;

import java.util.List;

/** A validated experiment: tasks x learners x resampling iterations, scored by the given measures. */
public record Experiment(
    String name,
    long seed,
    String output,
    List<TaskSpec> tasks,
    List<LearnerSpec> learners,
    ResamplingSpec resampling,
    List<String> measures,
    ExecutionSpec execution)
    implements CborSerializable {}
