package org.soakbench.coordinator.output;

import org.soakbench.protocol.SplitJob;
import org.soakbench.protocol.SplitResult;
import org.soakbench.protocol.SplitSpec;

/** One recorded split: what was asked, how it was resampled and what came back. */
public record ScoreRow(SplitJob job, SplitSpec split, SplitResult result, int attempts) {}
