package org.soakbench.coordinator.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.soakbench.coordinator.output.ScoreRow;
import org.soakbench.protocol.Measures;

/** Append-only {@code journal.jsonl}: one JSON line per recorded split, flushed before it counts as done. */
public final class Journal implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public Journal(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public void append(ScoreRow row) throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    var job = row.job();
    var r = row.result();
    line.put("id", job.jobId());
    line.put("task_id", job.taskId());
    line.put("task_hash", job.taskHash());
    line.put("learner_id", job.learner().id());
    line.put("iteration", job.iteration());
    line.put("attempt", r.attempt());
    line.put("worker", r.worker());
    Map<String, Object> measures = new LinkedHashMap<>();
    for (int i = 0; i < r.measures().size(); i++) {
      measures.put(Measures.columnName(job.measures().get(i)), r.measures().get(i));
    }
    line.put("measures", measures);
    line.put("n_train", r.nTrain());
    line.put("n_test", r.nTest());
    line.put("train_seconds", r.trainSeconds());
    line.put("predict_seconds", r.predictSeconds());
    line.put("error", r.error());
    out.write(JSON.writeValueAsString(line));
    out.write('\n');
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
