package org.soakbench.coordinator.schedule;

/**
 * How many of the jobs a worker asks for it gets: all it needs for its free slots, but jobs to hold
 * beyond them (prefetch) only while the queue keeps at least as many as the worker then holds, and
 * none once the queue is down to its tail ({@link #TAIL_PER_SLOT} jobs per slot of the cluster). A
 * worker whose prefetch window grew on short splits can then never take the whole tail of the
 * queue, a worker that joins late still finds work, and the last splits go to whichever slot frees
 * first, as list scheduling (and its longest-first bound) assumes.
 */
public final class PrefetchShare {
  /** The queue's tail, per slot of all workers, that goes out without prefetch. */
  static final int TAIL_PER_SLOT = 2;

  private PrefetchShare() {}

  /**
   * @param wanted jobs the worker asks for (free slots plus its prefetch window)
   * @param slots the worker's slots
   * @param leased the jobs it holds now, running or not
   * @param queued the jobs in the queue
   * @param allSlots the slots of every worker of the run
   */
  public static int allowed(int wanted, int slots, int leased, int queued, int allSlots) {
    int free = Math.max(0, slots - leased);
    int held = Math.max(0, leased - slots);
    int prefetch = queued - free <= TAIL_PER_SLOT * (long) allSlots ? 0 : Math.max(0, wanted - free);
    // after taking x more to hold: held + x <= queued - free - x
    int fair = Math.max(0, (queued - free - held) / 2);
    return Math.max(0, Math.min(wanted, free + Math.min(prefetch, fair)));
  }
}
