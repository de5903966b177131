package org.soakbench.protocol;

import java.util.Map;

/**
 * A learner as configured: {@code id} names it in every output, {@code type} selects the adapter,
 * {@code params} holds the remaining keys as written (validated by the adapter before a run).
 */
public record LearnerSpec(String id, String type, Map<String, String> params) implements CborSerializable {
  /**
   * The param the experiment loader fills with the text of the learner's {@code script} file (R and
   * Python learners), so the script travels with the spec to every worker.
   */
  public static final String SCRIPT_SOURCE = "script-source";
}
