package org.soakbench.deploy;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;
import org.soakbench.coordinator.collect.Collector;
import org.soakbench.coordinator.run.Coordinator;
import org.soakbench.coordinator.run.ProgressBoard;
import org.soakbench.protocol.CoordinatorMessage;
import org.soakbench.protocol.ServiceKeys;

/**
 * soakbench's read-only routes on the Pekko Management server: the live dashboard at {@code /},
 * {@code GET /soakbench/progress} and {@code GET /soakbench/stats} (JSON), and the live figures
 * {@code GET /soakbench/pvalues.svg} and {@code GET /soakbench/timeline.svg}. Registered in {@code application.conf} under
 * {@code pekko.management.http.routes}. Progress is read from the node's {@link ProgressBoard}; for the
 * statistics the coordinator is found through the Receptionist.
 */
public final class ProgressRoutes implements ManagementRouteProvider {
  private static final Duration ASK = Duration.ofSeconds(5);
  /** Drawing a figure of many panels takes a while on a busy machine. */
  private static final Duration FIGURE_ASK = Duration.ofSeconds(30);
  private static final org.apache.pekko.http.javadsl.model.ContentType.Binary SVG =
      ContentTypes.create(org.apache.pekko.http.javadsl.model.MediaTypes.IMAGE_SVG_XML);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The live dashboard: plain HTML and a little JavaScript polling the JSON routes. */
  private static final String DASHBOARD = resource("/soakbench/dashboard.html");

  private final ActorSystem<Void> system;

  public ProgressRoutes(ExtendedActorSystem system) {
    this.system = Adapter.toTyped(system);
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return concat(
        pathSingleSlash(() -> get(() -> complete(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, DASHBOARD)))),
        pathPrefix("soakbench", () -> concat(
            // from the board the coordinator publishes to, not by asking it: a busy coordinator's
            // mailbox does not delay the answer
            path("progress", () -> get(() -> ProgressBoard.get(system).latest()
                .map(p -> complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, write(p))))
                .orElseGet(() -> complete(StatusCodes.SERVICE_UNAVAILABLE, "no coordinator on this node")))),
            path("stats", () -> get(() -> json(c -> AskPattern.ask(c, Coordinator.GetStats::new, ASK,
                system.scheduler())))),
            path("pvalues.svg", () -> get(() -> figure(Collector.Figure.Kind.PVALUES))),
            path("timeline.svg", () -> get(() -> figure(Collector.Figure.Kind.TIMELINE))))));
  }

  /** A live figure drawn by the collector; 404 with the reason while there is none yet. */
  private Route figure(Collector.Figure.Kind kind) {
    CompletionStage<Collector.Figure> drawn = coordinator().thenCompose(c -> AskPattern.<CoordinatorMessage,
        Collector.Figure>ask(c, reply -> new Coordinator.GetFigure(kind, reply), FIGURE_ASK, system.scheduler()));
    return onComplete(drawn, result -> {
      if (result.isFailure()) {
        return complete(StatusCodes.SERVICE_UNAVAILABLE, "no coordinator answered: " + result.failed().get().getMessage());
      }
      Collector.Figure f = result.get();
      return f.svg() == null ? complete(StatusCodes.NOT_FOUND, f.why())
          : complete(HttpEntities.create(SVG, f.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    });
  }

  private Route json(Function<ActorRef<CoordinatorMessage>, CompletionStage<?>> query) {
    CompletionStage<String> body = coordinator().thenCompose(c -> query.apply(c).thenApply(ProgressRoutes::write));
    return onComplete(body, result -> result.isSuccess()
        ? complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, result.get()))
        : complete(StatusCodes.SERVICE_UNAVAILABLE, "no coordinator answered: " + result.failed().get().getMessage()));
  }

  private CompletionStage<ActorRef<CoordinatorMessage>> coordinator() {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            reply -> Receptionist.find(ServiceKeys.COORDINATOR, reply), ASK, system.scheduler())
        .thenCompose(listing -> listing.getServiceInstances(ServiceKeys.COORDINATOR).stream().findFirst()
            .map(CompletableFuture::completedFuture)
            .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no coordinator on this node"))));
  }

  private static String resource(String name) {
    try (var in = ProgressRoutes.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("missing resource " + name, e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
