package org.soakbench.protocol;

/** Checks learner specifications before a run, so a typo fails at once instead of on every split. */
public interface LearnerCatalog {

  /**
   * Throws {@link BadInputException} (message without location; the caller adds it) when the learner
   * type is unknown, a parameter is unknown or out of range, or the learner cannot handle the kind.
   */
  void validate(LearnerSpec spec, TaskKind kind);
}
