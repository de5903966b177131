package org.soakbench.worker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The threads that train: as many as the worker's busy slots, plus any left to a split that ignored its cancellation. */
public final class SplitThreads {
  private SplitThreads() {}

  /**
   * A pool that grows on demand: the worker bounds how many splits run, and a split abandoned after
   * its cancellation keeps its thread while a new one serves the freed slot.
   */
  public static ExecutorService pool() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "soakbench-split");
      t.setDaemon(true);
      return t;
    });
  }
}
