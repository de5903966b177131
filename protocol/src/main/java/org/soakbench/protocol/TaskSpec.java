package org.soakbench.protocol;

import java.util.List;

/**
 * A task as configured: its data file and column roles. {@code kind} is null when it is to be
 * inferred from the target column (numeric: regression).
 */
public record TaskSpec(
    String id,
    String data,
    String target,
    List<String> features,
    String subset,
    List<String> stratum,
    String group,
    String fold,
    String positive,
    TaskKind kind)
    implements CborSerializable {}
