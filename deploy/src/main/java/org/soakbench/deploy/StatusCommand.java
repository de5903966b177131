package org.soakbench.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.soakbench.coordinator.run.Progress;
import org.soakbench.protocol.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code soakbench status URL}: the progress of a running experiment, from its coordinator's management endpoint. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the progress of a running experiment, e.g. soakbench status http://127.0.0.1:8558")
final class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "URL", description = "the coordinator's management address")
  String url;

  @Override
  public Integer call() throws Exception {
    URI uri;
    try {
      uri = URI.create(url.replaceAll("/+$", "") + "/soakbench/progress");
      if (uri.getHost() == null || !uri.getScheme().startsWith("http")) {
        throw new IllegalArgumentException("not an http URL");
      }
    } catch (IllegalArgumentException e) {
      throw new BadInputException("URL: expected http://HOST:PORT, got '" + url + "'");
    }
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      System.err.println("soakbench: cannot reach " + uri + ": " + e.getMessage());
      return 1;
    }
    if (response.statusCode() != 200) {
      System.err.println("soakbench: " + uri + " answered " + response.statusCode() + ": " + response.body());
      return 1;
    }
    Progress p = new ObjectMapper().readValue(response.body(), Progress.class);
    System.out.print(render(p));
    return 0;
  }

  static String render(Progress p) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%s: %d/%d splits done (%.0f %%), %d running, %d queued, %d failed, %d retried%s%n",
        p.experiment(), p.done(), p.total(), p.total() == 0 ? 100.0 : 100.0 * p.done() / p.total(), p.running(),
        p.queued(), p.failed(), p.retried(), p.finished() ? ", finished" : ""));
    sb.append(String.format("elapsed %.1f s, ETA %s%n", p.elapsedSeconds(),
        p.etaSeconds() == null ? "unknown" : String.format("%.1f s", p.etaSeconds())));
    sb.append(String.format("%-16s %-16s %-12s %7s %7s %7s %7s%n", "task", "learner", "test.subset", "total", "done",
        "running", "failed"));
    for (Progress.Cell c : p.grid()) {
      sb.append(String.format("%-16s %-16s %-12s %7d %7d %7d %7d%n", c.taskId(), c.learnerId(), c.testSubset(), c.total(),
          c.done(), c.running(), c.failed()));
    }
    if (p.gridCells() > p.grid().size()) {
      sb.append(String.format("(%d of %d cells shown: busy and unfinished ones first)%n", p.grid().size(), p.gridCells()));
    }
    sb.append(String.format("%-24s %5s %7s %9s %8s  %s%n", "worker", "slots", "done", "busy s", "split/s", "running"));
    for (Progress.WorkerLoad w : p.workers()) {
      sb.append(String.format("%-24s %5d %7d %9.1f %8.2f  %s%n", w.node(), w.slots(), w.done(), w.busySeconds(),
          w.splitsPerSecond(), String.join(" ", w.current())));
    }
    return sb.toString();
  }
}
