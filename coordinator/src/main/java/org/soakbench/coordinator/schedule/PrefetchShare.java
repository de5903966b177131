package org.soakbench.coordinator.schedule;

/**
 * How many of the jobs a worker asks for it gets: all it needs for its free slots, but jobs to hold
 * beyond them (prefetch) only while the queue keeps at least as many as the worker then holds. A
 * worker whose prefetch window grew on short splits can then never take the whole tail of the
 * queue, and a worker that joins late still finds work.
 */
public final class PrefetchShare {
  private PrefetchShare() {}

  /**
   * @param wanted jobs the worker asks for (free slots plus its prefetch window)
   * @param slots the worker's slots
   * @param leased the jobs it holds now, running or not
   * @param queued the jobs in the queue
   */
  public static int allowed(int wanted, int slots, int leased, int queued) {
    int free = Math.max(0, slots - leased);
    int held = Math.max(0, leased - slots);
    int prefetch = Math.max(0, wanted - free);
    // after taking x more to hold: held + x <= queued - free - x
    int fair = Math.max(0, (queued - free - held) / 2);
    return Math.max(0, Math.min(wanted, free + Math.min(prefetch, fair)));
  }
}
