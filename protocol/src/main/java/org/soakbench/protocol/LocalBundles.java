package org.soakbench.protocol;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The task bundles of the runs whose coordinator lives in this actor system. A worker of the same
 * system (the embedded workers of {@code run}) takes its data from here instead of fetching the
 * encoded chunks: the same immutable bundle, with no copy, no encoding and no round trip per chunk.
 * Workers of other JVMs never see it and fetch as before.
 */
public final class LocalBundles implements Extension {
  private static final ExtensionId<LocalBundles> ID = new ExtensionId<>() {
    @Override
    public LocalBundles createExtension(ActorSystem<?> system) {
      return new LocalBundles();
    }
  };

  private final Map<String, List<TaskBundle>> byRun = new ConcurrentHashMap<>();

  public static LocalBundles get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** Offers a run's bundles, in task order, to this system's workers. */
  public void publish(String run, List<TaskBundle> bundles) {
    byRun.put(run, List.copyOf(bundles));
  }

  /** Ends the offer of a run, so its data can be collected once its workers drop it. */
  public void withdraw(String run) {
    byRun.remove(run);
  }

  /** The bundle of task number {@code task} of {@code run}, or null if this system's coordinator has no such run. */
  public TaskBundle find(String run, int task) {
    List<TaskBundle> bundles = byRun.get(run);
    return bundles == null || task < 0 || task >= bundles.size() ? null : bundles.get(task);
  }
}
