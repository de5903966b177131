package org.soakbench.coordinator.collect;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.soakbench.coordinator.record.SplitRecord;

/**
 * Writes one {@link SplitRecord} as its journal line with Jackson's streaming generator: the same
 * JSON as data binding gives the record (field names, order, nulls), without the reflective
 * accessor calls that made data binding the collector's largest cost at tens of thousands of lines
 * a second. {@code JournalTest} checks the two agree.
 */
final class JournalLine {
  private JournalLine() {}

  static void write(JsonGenerator g, SplitRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("task_id", r.taskId());
    g.writeStringField("task_hash", r.taskHash());
    g.writeNumberField("task_index", r.taskIndex());
    g.writeStringField("learner_id", r.learnerId());
    g.writeNumberField("learner_index", r.learnerIndex());
    g.writeNumberField("iteration", r.iteration());
    g.writeStringField("test.subset", r.testSubset());
    g.writeStringField("train.subsets", r.trainSubsets());
    g.writeNumberField("groups", r.groups());
    g.writeNumberField("test.fold", r.testFold());
    g.writeNumberField("seed", r.seed());
    g.writeNumberField("n.train.groups", r.nTrainGroups());
    g.writeFieldName("measures");
    if (r.measures() == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      for (Map.Entry<String, Double> m : r.measures().entrySet()) {
        g.writeFieldName(m.getKey());
        if (m.getValue() == null) {
          g.writeNull();
        } else {
          g.writeNumber(m.getValue());
        }
      }
      g.writeEndObject();
    }
    g.writeNumberField("n.train", r.nTrain());
    g.writeNumberField("n.test", r.nTest());
    g.writeNumberField("train.seconds", r.trainSeconds());
    g.writeNumberField("predict.seconds", r.predictSeconds());
    g.writeStringField("worker", r.worker());
    g.writeNumberField("worker_slots", r.workerSlots());
    g.writeNumberField("attempts", r.attempts());
    g.writeNumberField("assigned_at", r.assignedAt());
    g.writeNumberField("recorded_at", r.recordedAt());
    g.writeStringField("error", r.error());
    g.writeEndObject();
  }
}
