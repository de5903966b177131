package org.soakbench.coordinator.book;

import java.util.NoSuchElementException;

/** A growable ring buffer of ints: the job queue without one boxed object per queued split. */
final class IntDeque {
  private int[] items;
  private int head;
  private int size;

  IntDeque(int capacity) {
    this.items = new int[Math.max(4, capacity)];
  }

  void addLast(int value) {
    grow();
    items[(head + size) % items.length] = value;
    size++;
  }

  void addFirst(int value) {
    grow();
    head = (head - 1 + items.length) % items.length;
    items[head] = value;
    size++;
  }

  int pollFirst() {
    if (size == 0) {
      throw new NoSuchElementException("empty queue");
    }
    int value = items[head];
    head = (head + 1) % items.length;
    size--;
    return value;
  }

  int pollLast() {
    if (size == 0) {
      throw new NoSuchElementException("empty queue");
    }
    size--;
    return items[(head + size) % items.length];
  }

  /** The last value, or {@code none} when empty. */
  int peekLast(int none) {
    return size == 0 ? none : items[(head + size - 1) % items.length];
  }

  /** The first value, or {@code none} when empty. */
  int peekFirst(int none) {
    return size == 0 ? none : items[head];
  }

  int size() {
    return size;
  }

  private void grow() {
    if (size < items.length) {
      return;
    }
    int[] bigger = new int[items.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = items[(head + i) % items.length];
    }
    items = bigger;
    head = 0;
  }
}
