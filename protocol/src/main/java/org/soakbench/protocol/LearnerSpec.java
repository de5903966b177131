package org.soakbench.protocol;

import java.util.Map;

/**
 * A learner as configured: {@code id} names it in every output, {@code type} selects the adapter,
 * {@code params} holds the remaining keys as written (validated by the adapter before a run).
 */
public record LearnerSpec(String id, String type, Map<String, String> params) implements CborSerializable {}
