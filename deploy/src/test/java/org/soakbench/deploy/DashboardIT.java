package org.soakbench.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard in a real headless Chromium (Debian's package, which .ci/run installs): it
 * renders the grid and the workers during a run and its numbers move between two looks.
 */
class DashboardIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  /** The page's DOM after its scripts ran for a while. */
  private String dumpDom(String url) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"),
        "--virtual-time-budget=3000", "--dump-dom", url));
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
    String dom = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
    return dom;
  }

  private static int done(String dom) {
    Matcher m = Pattern.compile("(\\d+) / (\\d+) splits done").matcher(dom);
    assertTrue(m.find(), "no summary in the page: " + dom.substring(0, Math.min(2000, dom.length())));
    return Integer.parseInt(m.group(1));
  }

  @Test
  void dashboardRendersTheGridAndUpdatesDuringARun() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
    Files.copy(SeedExampleTest.root().resolve("examples/seed/data/easy.csv"), dir.resolve("easy.csv"));
    Files.writeString(dir.resolve("exp.conf"), """
        experiment {
          name = dashboard
          tasks = [ { id = easy, data = easy.csv, target = y, features = [x], subset = person, stratum = person } ]
          learners = [ { id = nap, type = sleep, millis = 150 }, { id = featureless } ]
          resampling { sizes = 2, seeds = 2 }
        }
        """);
    int http = Nodes.freePort();
    String url = "http://127.0.0.1:" + http + "/";
    try (Nodes nodes = new Nodes(dir)) {
      Process coordinator = nodes.start("coordinator", "coordinator", "exp.conf", "--port",
          String.valueOf(Nodes.freePort()), "--http-port", String.valueOf(http), "--local-workers", "2", "--out", "out");
      Nodes.awaitLines(dir.resolve("out/journal.jsonl"), 10, Duration.ofMinutes(2));
      String first = dumpDom(url);
      assertTrue(first.contains("<td class=\"t\">nap</td>") && first.contains("<td class=\"t\">featureless</td>"),
          "grid rows");
      String grid = first.substring(first.indexOf("<table id=\"grid\">"), first.indexOf("<table id=\"workers\">"));
      assertEquals(4, grid.split("<td class=\"t\">easy</td>", -1).length - 1, "2 learners x 2 test subsets");
      assertTrue(first.contains("<td class=\"t\">local-1</td>") && first.contains("<td class=\"t\">local-2</td>"),
          "workers");
      int before = done(first);
      Nodes.awaitLines(dir.resolve("out/journal.jsonl"), before + 20, Duration.ofMinutes(2));
      String second = dumpDom(url);
      int after = done(second);
      assertTrue(after > before, "the page should show progress: " + before + " then " + after);
      // the live worker timeline is drawn by the coordinator and shown as an image
      assertTrue(second.matches("(?s).*<img id=\"timeline\" alt=\"worker timeline\" src=\"blob:[^\"]+\">"
          + "<figcaption id=\"timelinenote\" class=\"muted\">as of .*"), "timeline image: "
          + second.substring(second.indexOf("<h2>Worker timeline")));
      String timeline = ClusterFaultsIT.get("http://127.0.0.1:" + http + "/soakbench/timeline.svg");
      assertTrue(timeline.contains("<svg") && timeline.contains("Which worker ran which split when"), timeline);
      // the live p-value plot: the nap splits come first in plan order, a panel per test subset
      Nodes.awaitLines(dir.resolve("out/journal.jsonl"), 100, Duration.ofMinutes(2));
      String pvalues = ClusterFaultsIT.get("http://127.0.0.1:" + http + "/soakbench/pvalues.svg");
      assertTrue(pvalues.contains("<svg") && pvalues.contains("nap  |  easy  |  Alice")
          && pvalues.contains("nap  |  easy  |  Bob"), "a panel per algorithm and test subset: "
          + java.util.regex.Pattern.compile("[\\w.]+  \\|  [^<]*").matcher(pvalues).results()
              .map(java.util.regex.MatchResult::group).toList());
      String third = dumpDom(url);
      assertTrue(third.contains("<img id=\"pvalplot\" alt=\"p-value plot\" src=\"blob:"), "p-value plot image: "
          + third.substring(third.indexOf("<figure>")));
      assertEquals(0, Nodes.awaitExit(coordinator, Duration.ofMinutes(3)), nodes.output("coordinator"));
    }
  }
}
