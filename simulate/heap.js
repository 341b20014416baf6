/**
 * The event queue: a binary min-heap of (time, client) in typed arrays, so
 * that hundreds of thousands of pending timers cost no objects and no GC.
 *
 * Equal times pop in the order they were pushed. A herd of clients with no
 * jitter schedules many events for the very same millisecond, and which of
 * them the server admits first must not depend on heap internals, or a run
 * would not be reproducible across small code changes.
 */
export class EventQueue {
  constructor(capacity) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.size = 0;
    this.nextSeq = 0;
    /** Time of the event last returned by pop(). */
    this.time = 0;
  }

  push(time, id) {
    if (this.size === this.times.length) throw new Error('EventQueue is full: a client has two pending events');
    const seq = this.nextSeq++;
    const {times, seqs, ids} = this;
    let hole = this.size++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[hole] = pt;
      seqs[hole] = seqs[parent];
      ids[hole] = ids[parent];
      hole = parent;
    }
    times[hole] = time;
    seqs[hole] = seq;
    ids[hole] = id;
  }

  /** Removes the earliest event and returns its client id; its time is in `this.time`. */
  pop() {
    const {times, seqs, ids} = this;
    const id = ids[0];
    this.time = times[0];
    const last = --this.size;
    if (last > 0) {
      const time = times[last];
      const seq = seqs[last];
      const lastId = ids[last];
      let hole = 0;
      for (;;) {
        let child = 2 * hole + 1;
        if (child >= last) break;
        const right = child + 1;
        if (right < last && (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))) {
          child = right;
        }
        const ct = times[child];
        if (time < ct || (time === ct && seq < seqs[child])) break;
        times[hole] = ct;
        seqs[hole] = seqs[child];
        ids[hole] = ids[child];
        hole = child;
      }
      times[hole] = time;
      seqs[hole] = seq;
      ids[hole] = lastId;
    }
    return id;
  }
}
