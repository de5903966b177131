package org.soakbench.deploy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.soakbench.protocol.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code soakbench worker --join H:P}: a worker node that joins a running coordinator. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Join a coordinator's cluster and run splits until the experiment is over.")
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--join", required = true, paramLabel = "H:P", description = "the coordinator's --host and --port")
  String join;

  @Option(names = "--host", paramLabel = "H",
      description = "address the coordinator uses to reach this worker (default: 127.0.0.1 when joining a loopback "
          + "address, else this machine's address)")
  String host;

  @Option(names = "--port", paramLabel = "P", description = "cluster port of this worker, 0 for any (default: 0)")
  int port;

  @Option(names = "--slots", paramLabel = "N", description = "splits run at once (default: number of cores)")
  Integer slots;

  @Option(names = "--tls", paramLabel = "DIR", description = "TLS as the coordinator's --tls (same folder)")
  java.nio.file.Path tls;

  @Option(names = "--insecure", description = "allow a plain-text cluster when this worker or the coordinator is "
      + "not on a loopback address")
  boolean insecure;

  @Option(names = "--stay", description = "after a run (or after losing the coordinator), join again and serve the "
      + "next experiment; only SIGTERM ends the worker")
  boolean stay;

  @Option(names = "--give-up-after", paramLabel = "SECONDS", description = "exit 1 after looking this long for a "
      + "coordinator, at the start or after losing one (default: 600; 0: never; --stay: never)")
  int giveUpAfter = 600;

  @Option(names = "--walltime", paramLabel = "TIME", description = "the worker's time is up this long after it "
      + "starts (a SLURM job's limit: 2h, 90m, HH:MM:SS, D-HH:MM:SS): it hands its splits back and leaves "
      + "soakbench.worker.walltime-margin (30 s) before, and exits 0")
  String walltime;

  /** Pause between two lives of a worker's node, so a coordinator that is still shutting down is not rejoined in a loop. */
  static final long REJOIN_PAUSE_MILLIS = 3000;

  @Override
  public Integer call() throws Exception {
    int colon = join.lastIndexOf(':');
    if (colon <= 0 || colon == join.length() - 1) {
      throw new BadInputException("--join: expected HOST:PORT, got '" + join + "'");
    }
    try {
      Flags.range("--join port", Integer.parseInt(join.substring(colon + 1)), 1, 65535);
    } catch (NumberFormatException e) {
      throw new BadInputException("--join: expected HOST:PORT, got '" + join + "'");
    }
    Flags.range("--port", port, 0, 65535);
    Flags.range("--give-up-after", giveUpAfter, 0, 31_536_000);
    Instant end = walltime == null ? null : Instant.now().plus(Walltime.parse(walltime));
    int n = slots == null ? Runtime.getRuntime().availableProcessors() : slots;
    Flags.range("--slots", n, 1, 1024);
    Tls tlsSettings = Tls.from(tls);
    String joinHost = join.substring(0, colon);
    Tls.checkPlainText("--join", joinHost, tlsSettings, insecure);
    String self = host != null ? host
        : InetAddress.getByName(joinHost).isLoopbackAddress() ? "127.0.0.1" : InetAddress.getLocalHost().getHostAddress();
    Tls.checkPlainText("--host", self, tlsSettings, insecure);
    org.slf4j.LoggerFactory.getILoggerFactory();
    WorkerLifecycle lifecycle = new WorkerLifecycle(stay, giveUpAfter == 0 ? null : Duration.ofSeconds(giveUpAfter),
        Clock.systemUTC());
    WorkerLifecycle.Rejoin rejoin = lifecycle.start();
    while (true) {
      Duration joinTimeout = rejoin.deadline() == null ? null : Duration.between(Instant.now(), rejoin.deadline());
      WorkerNode.Ending ending = joinTimeout != null && joinTimeout.toMillis() < 1000 ? WorkerNode.Ending.NO_COORDINATOR
          : WorkerNode.run(join, self, port, n, tlsSettings, joinTimeout, end);
      System.out.println("worker " + self + ": " + ending.name().toLowerCase().replace('_', ' '));
      WorkerLifecycle.Next next = lifecycle.after(ending);
      if (next instanceof WorkerLifecycle.Exit exit) {
        if (exit.code() == WorkerLifecycle.EXIT_OUT_OF_MEMORY) {
          System.out.println("worker " + self + ": exit " + exit.code() + " so that a fresh JVM takes over "
              + "(bin/soakbench-supervise, systemd and Kubernetes restart it)");
        }
        return exit.code();
      }
      rejoin = (WorkerLifecycle.Rejoin) next;
      if (rejoin.deadline() != null) {
        System.out.println("worker " + self + ": looking for a coordinator at " + join + " until " + rejoin.deadline());
      }
      Thread.sleep(REJOIN_PAUSE_MILLIS);
    }
  }
}
