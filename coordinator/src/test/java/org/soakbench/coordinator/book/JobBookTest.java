package org.soakbench.coordinator.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every transition of a split's life, with the counts progress reports read. */
class JobBookTest {
  /** Six jobs in two cells of three. */
  private static JobBook book(int maxAttempts) {
    return new JobBook(new int[] {0, 0, 0, 1, 1, 1}, 2, maxAttempts);
  }

  private static int[] take(JobBook b, int worker, int max) {
    int[] out = new int[max];
    return Arrays.copyOf(out, b.take(worker, max, out));
  }

  @Test
  void handsOutInPlanOrderAndCountsPerCellAndWorker() {
    JobBook b = book(3);
    int w = b.addWorker(2);
    assertArrayEquals(new int[] {0, 1, 2, 3}, take(b, w, 4));
    assertEquals(4, b.leased());
    assertEquals(2, b.queued());
    assertEquals(3, b.cellLeased(0));
    assertEquals(1, b.cellLeased(1));
    assertEquals(4, b.workerLeased(w));
    assertEquals(0, b.workerRunning(w), "prefetched jobs are not running yet");
    assertEquals(1, b.attempt(0));
    assertArrayEquals(new int[] {0, 1, 2, 3}, b.leasedBy(w));
    assertArrayEquals(new int[] {}, b.runningOn(w));
    assertTrue(b.started(2, 1, w, 100));
    assertArrayEquals(new int[] {2}, b.runningOn(w), "only a started job runs");
  }

  @Test
  void linesGoOutAsTheChooserPicksAndRequeuedJobsBeforeAnyLine() {
    // jobs 0..5 in two lines: evens and odds, each in descending order
    JobBook b = new JobBook(new int[6], 1, 3, new int[][] {{4, 2, 0}, {5, 3, 1}});
    b.resumed(3, false); // in the journal already: never handed out
    int w = b.addWorker(1);
    int[] out = new int[6];
    JobBook.HeadChooser oddsFirst = (heads, tails) -> heads[1] >= 0 ? 1 : 0;
    assertEquals(2, b.take(w, 2, out, oddsFirst));
    assertArrayEquals(new int[] {5, 1}, Arrays.copyOf(out, 2));
    b.started(5, 1, w, 0);
    assertEquals(JobBook.Failure.RETRY, b.fail(5, 1, w));
    assertTrue(b.returnHeld(1, 1, w));
    assertEquals(5, b.queued());
    // the two back in the queue first (the last returned at the front), then the even line
    assertEquals(5, b.take(w, 6, out, oddsFirst));
    assertArrayEquals(new int[] {1, 5, 4, 2, 0}, Arrays.copyOf(out, 5));
    assertEquals(0, b.queued());
  }

  @Test
  void aSpeculativeCopyThatReportsFirstIsRecordedAndTheSlowOriginalDropped() {
    JobBook b = book(3);
    int slow = b.addWorker(1);
    int idle = b.addWorker(1);
    int[] out = new int[1];
    b.take(slow, 1, out);
    int job = out[0];
    assertEquals(-1, b.speculate(job, idle), "not running yet: no copy");
    b.started(job, 1, slow, 100);
    assertEquals(-1, b.speculate(job, slow), "never on its own worker");
    assertEquals(2, b.speculate(job, idle));
    assertEquals(-1, b.speculate(job, b.addWorker(1)), "never more than one copy");
    assertTrue(b.hasCopy(job));
    assertEquals(1, b.leased(), "one split, however many copies");
    assertEquals(1, b.workerLeased(idle));
    assertTrue(b.started(job, 2, idle, 200));
    assertArrayEquals(new int[] {job}, b.runningOn(idle));
    assertEquals(1, b.attempt(job), "the original's attempt, for its lease checks");
    assertEquals(new JobBook.Lease(slow, 1), b.otherLease(job, 2, idle));
    assertTrue(b.result(job, 2, idle));
    assertEquals(idle, b.holder(job), "the row names the worker that delivered it");
    assertFalse(b.result(job, 1, slow), "the original's late result is dropped");
    assertEquals(0, b.workerLeased(slow));
    assertEquals(0, b.workerLeased(idle));
    assertEquals(0, b.workerRunning(idle));
    assertFalse(b.hasCopy(job));
  }

  @Test
  void theOriginalReportingFirstDropsTheCopyAndAFailedCopyLeavesTheOriginal() {
    JobBook b = book(3);
    int w1 = b.addWorker(1);
    int w2 = b.addWorker(1);
    int[] out = new int[2];
    b.take(w1, 2, out);
    b.started(out[0], 1, w1, 100);
    b.started(out[1], 1, w1, 100);
    assertEquals(2, b.speculate(out[0], w2));
    assertEquals(new JobBook.Lease(w2, 2), b.otherLease(out[0], 1, w1));
    assertTrue(b.result(out[0], 1, w1));
    assertFalse(b.result(out[0], 2, w2), "the copy's result comes too late");
    assertEquals(0, b.workerLeased(w2));
    assertEquals(2, b.speculate(out[1], w2));
    assertEquals(JobBook.Failure.COPY_RUNS_ON, b.fail(out[1], 2, w2));
    assertFalse(b.hasCopy(out[1]));
    assertEquals(0, b.failures(out[1]), "a failed copy costs the split no attempt");
    assertTrue(b.result(out[1], 1, w1));
  }

  @Test
  void whenTheOriginalFailsItsCopyRunsOnInItsPlace() {
    JobBook b = book(3);
    int w1 = b.addWorker(1);
    int w2 = b.addWorker(1);
    int[] out = new int[1];
    b.take(w1, 1, out);
    int job = out[0];
    b.started(job, 1, w1, 100);
    assertEquals(2, b.speculate(job, w2));
    b.started(job, 2, w2, 500);
    List<JobBook.Failure> heard = new ArrayList<>();
    b.removeWorker(w1, (j, a, f) -> heard.add(f));
    assertEquals(List.of(JobBook.Failure.COPY_RUNS_ON), heard);
    assertEquals(5, b.queued(), "nothing re-queued");
    assertEquals(w2, b.holder(job));
    assertEquals(2, b.attempt(job));
    assertEquals(1, b.failures(job));
    List<Integer> expired = new ArrayList<>();
    b.forEachExpired(600, expired::add);
    assertEquals(List.of(job), expired, "the copy's own deadline now counts");
    assertTrue(b.result(job, 2, w2));
  }

  @Test
  void aCopysWorkerLostDropsOnlyTheCopy() {
    JobBook b = book(3);
    int w1 = b.addWorker(1);
    int w2 = b.addWorker(1);
    int[] out = new int[1];
    b.take(w1, 1, out);
    b.started(out[0], 1, w1, 100);
    b.speculate(out[0], w2);
    b.removeWorker(w2, (j, a, f) -> assertEquals(JobBook.Failure.COPY_RUNS_ON, f));
    assertFalse(b.hasCopy(out[0]));
    assertTrue(b.result(out[0], 1, w1));
  }

  @Test
  void linesMustHoldEveryJobOnce() {
    assertThrows(IllegalArgumentException.class, () -> new JobBook(new int[3], 1, 3, new int[][] {{0, 1}, {1, 2}}));
    assertThrows(IllegalArgumentException.class, () -> new JobBook(new int[3], 1, 3, new int[][] {{0}, {2}}));
    assertThrows(IllegalArgumentException.class, () -> new JobBook(new int[3], 1, 3, new int[][] {{0, 1, 3}}));
    JobBook b = new JobBook(new int[2], 1, 3, new int[][] {{0}, {1}});
    int w = b.addWorker(1);
    assertThrows(IllegalStateException.class, () -> b.take(w, 1, new int[1], (heads, tails) -> 7),
        "a policy that picks no line is a bug, not an empty queue");
  }

  @Test
  void aResultRecordsThenTheJournalMakesItDone() {
    JobBook b = book(3);
    int w = b.addWorker(1);
    take(b, w, 1);
    assertTrue(b.started(0, 1, w, 100));
    assertEquals(1, b.workerRunning(w));
    assertTrue(b.result(0, 1, w));
    assertEquals(0, b.leased());
    assertEquals(1, b.recordedNotJournaled());
    assertEquals(0, b.done(), "not done before its line is on disk");
    assertTrue(b.journaled(0, false));
    assertEquals(1, b.done());
    assertEquals(1, b.cellDone(0));
    assertEquals(1, b.workerDone(w));
    assertEquals(0, b.workerRunning(w));
    assertFalse(b.journaled(0, false), "journaled once");
  }

  @Test
  void lateAndDuplicateResultsAreDropped() {
    JobBook b = book(3);
    int w1 = b.addWorker(1);
    int w2 = b.addWorker(1);
    take(b, w1, 1);
    assertEquals(JobBook.Failure.RETRY, b.fail(0, 1, w1));
    assertArrayEquals(new int[] {0}, take(b, w2, 1), "a retry goes first");
    assertEquals(2, b.attempt(0));
    assertFalse(b.result(0, 1, w1), "the expired attempt's result is late");
    assertFalse(b.result(0, 2, w1), "the right attempt from the wrong worker");
    assertTrue(b.result(0, 2, w2));
    assertFalse(b.result(0, 2, w2), "a duplicate");
    assertEquals(JobBook.Failure.STALE, b.fail(0, 2, w2), "a recorded split cannot fail any more");
    assertFalse(b.started(0, 2, w2, 5));
  }

  @Test
  void givesUpAfterMaxAttemptsFailures() {
    JobBook b = book(2);
    int w = b.addWorker(1);
    take(b, w, 1);
    assertEquals(JobBook.Failure.RETRY, b.fail(0, 1, w));
    assertEquals(1, b.retried());
    take(b, w, 1);
    assertEquals(JobBook.Failure.GIVE_UP, b.fail(0, 2, w));
    assertEquals(w, b.holder(0), "the error row names the last worker");
    assertEquals(2, b.failures(0));
    assertTrue(b.journaled(0, true));
    assertEquals(1, b.failedRows());
    assertEquals(1, b.cellFailed(0));
    assertEquals(5, b.queued());
  }

  @Test
  void handBackRequeuesWithoutCountingAFailure() {
    JobBook b = book(1);
    int w = b.addWorker(2);
    take(b, w, 2);
    b.started(1, 1, w, 10);
    assertTrue(b.handBack(1, 1, w));
    assertFalse(b.handBack(1, 1, w));
    assertEquals(0, b.failures(1));
    assertArrayEquals(new int[] {1, 2}, take(b, w, 2), "handed back first, then the queue");
    assertEquals(2, b.attempt(1), "it ran once");
    // a held job that never started is handed back as if never handed out
    assertTrue(b.handBack(2, 1, w));
    assertEquals(0, b.attempt(2));
    assertArrayEquals(new int[] {2}, take(b, w, 1));
    assertEquals(1, b.attempt(2));
  }

  @Test
  void aReturnedHeldJobLeadsTheQueueAsIfNeverHandedOut() {
    JobBook b = book(3);
    int w1 = b.addWorker(1);
    int w2 = b.addWorker(1);
    take(b, w1, 3);
    b.started(0, 1, w1, 10);
    assertFalse(b.returnHeld(0, 1, w1), "a started job is not returned this way");
    assertFalse(b.returnHeld(1, 1, w2), "only its holder returns it");
    assertFalse(b.returnHeld(1, 2, w1), "nor another attempt");
    // returned in reverse by the coordinator so that 1 leads 2 again
    assertTrue(b.returnHeld(2, 1, w1));
    assertTrue(b.returnHeld(1, 1, w1));
    assertFalse(b.returnHeld(1, 1, w1), "a duplicate (a re-sent report) changes nothing");
    assertEquals(1, b.workerLeased(w1));
    assertEquals(0, b.attempt(1));
    assertEquals(0, b.failures(1));
    assertEquals(5, b.queued());
    assertArrayEquals(new int[] {1, 2, 3}, take(b, w2, 3), "held order kept, ahead of the rest of the queue");
    assertEquals(1, b.attempt(1));
  }

  @Test
  void aLostWorkersLeasesAreRetriedOrGivenUpAndItGetsNoMoreWork() {
    JobBook b = book(2);
    int w1 = b.addWorker(1);
    int w2 = b.addWorker(1);
    take(b, w1, 1);
    assertEquals(JobBook.Failure.RETRY, b.fail(0, 1, w1));
    take(b, w1, 3); // job 0 (attempt 2, its last), job 1 and job 2
    b.started(0, 2, w1, 10);
    b.started(1, 1, w1, 10);
    List<String> heard = new ArrayList<>();
    b.removeWorker(w1, (job, attempt, f) -> heard.add(job + " " + f));
    assertEquals(List.of("0 GIVE_UP", "1 RETRY", "2 RETURNED"), heard);
    assertEquals(1, b.failures(1));
    assertEquals(0, b.failures(2), "held, never started: no failure");
    assertEquals(0, b.attempt(2), "and no attempt");
    assertEquals(0, b.workerLeased(w1));
    assertEquals(0, b.workerRunning(w1));
    assertEquals(0, take(b, w1, 3).length, "a removed worker gets nothing");
    assertFalse(b.result(1, 1, w1));
    assertArrayEquals(new int[] {2, 1, 3}, take(b, w2, 3));
  }

  @Test
  void onlyRunningAttemptsPastTheirDeadlineExpire() {
    JobBook b = book(3);
    int w = b.addWorker(3);
    take(b, w, 3);
    b.started(0, 1, w, 1_000);
    b.started(1, 1, w, 5_000);
    List<Integer> expired = new ArrayList<>();
    b.forEachExpired(2_000, expired::add);
    assertEquals(List.of(0), expired, "job 2 is prefetched: its clock has not started");
    assertFalse(b.started(0, 2, w, 1), "a wrong attempt does not start");
  }

  @Test
  void resumedSplitsAreDoneFromTheStart() {
    JobBook b = book(3);
    b.resumed(1, false);
    b.resumed(4, true);
    b.resumed(4, true);
    assertEquals(2, b.done());
    assertEquals(1, b.failedRows());
    assertEquals(4, b.queued());
    int w = b.addWorker(1);
    assertArrayEquals(new int[] {0, 2, 3, 5}, take(b, w, 10));
    assertThrows(IllegalStateException.class, () -> b.resumed(0, false));
  }

  @Test
  void rejectsCellsOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new JobBook(new int[] {0, 2}, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> new JobBook(new int[] {0}, 1, 0));
  }

  /** Random operations from several workers: the counts always add up and every split ends once. */
  @Test
  void randomHistoriesKeepTheCountsConsistent() {
    Random random = new Random(7);
    int n = 2_000;
    int[] cells = new int[n];
    for (int i = 0; i < n; i++) {
      cells[i] = i % 13;
    }
    JobBook b = new JobBook(cells, 13, 3);
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      live.add(b.addWorker(2));
    }
    int[] out = new int[8];
    for (int step = 0; step < 200_000 && !b.allDone(); step++) {
      int w = live.get(random.nextInt(live.size()));
      int[] held = b.leasedBy(w);
      int op = random.nextInt(100);
      if (held.length == 0 || op < 30) {
        b.take(w, 1 + random.nextInt(8), out);
      } else {
        int job = held[random.nextInt(held.length)];
        int a = b.attempt(job);
        if (op < 75) {
          b.started(job, a, w, step);
          b.result(job, a, w);
          b.journaled(job, false);
        } else if (op < 85) {
          if (b.fail(job, a, w) == JobBook.Failure.GIVE_UP) {
            b.journaled(job, true);
          }
        } else if (op < 95) {
          b.handBack(job, a, w);
        } else if (live.size() > 1) {
          live.remove((Integer) w);
          b.removeWorker(w, (j, attempt, f) -> {
            if (f == JobBook.Failure.GIVE_UP) {
              b.journaled(j, true);
            }
          });
          live.add(b.addWorker(2));
        }
      }
      assertEquals(n, b.queued() + b.leased() + b.recordedNotJournaled() + b.done(), "step " + step);
      int cellLeased = 0;
      int cellDone = 0;
      for (int c = 0; c < 13; c++) {
        cellLeased += b.cellLeased(c);
        cellDone += b.cellDone(c);
      }
      assertEquals(b.leased(), cellLeased);
      assertEquals(b.done(), cellDone);
    }
    assertTrue(b.allDone(), "every split ends within the bounded history");
    assertEquals(0, b.leased());
  }
}
