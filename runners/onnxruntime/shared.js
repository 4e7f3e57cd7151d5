'use strict';
// Memory shared by the main thread and the instance workers during a bench or profile:
// the start barrier, the request tickets of an iteration-bounded run, a stop flag, and per-instance
// completion counters that the main thread reads for progress events.

const GO = 0; // 0 until the main thread starts the measured phase
const STOP = 1; // 1 when an instance failed: the others stop submitting
const TICKETS = 2; // requests handed out so far in the measured phase
const COUNTERS = 3; // then [phase * instances + instance]: completed requests
const PHASES = { warmup: 0, measure: 1, profile: 0 };

class Shared {
  // `buffer` is a SharedArrayBuffer from another Shared (in a worker), or absent to make one.
  constructor(instances, buffer) {
    this.instances = instances;
    this.buffer = buffer || new SharedArrayBuffer(8 + 4 * (COUNTERS + 2 * instances));
    this.startNs = new BigInt64Array(this.buffer, 0, 1); // process.hrtime of the common start
    this.ints = new Int32Array(this.buffer, 8);
  }

  setDone(phase, instance, count) {
    Atomics.store(this.ints, COUNTERS + PHASES[phase] * this.instances + instance, count);
  }

  totalDone(phase) {
    let sum = 0;
    for (let i = 0; i < this.instances; i++) {
      sum += Atomics.load(this.ints, COUNTERS + PHASES[phase] * this.instances + i);
    }
    return sum;
  }

  takeTicket(total) {
    return Atomics.add(this.ints, TICKETS, 1) < total;
  }

  stopped() {
    return Atomics.load(this.ints, STOP) === 1;
  }

  stop() {
    Atomics.store(this.ints, STOP, 1);
  }

  // Main thread: record the common start and wake every worker waiting in waitForStart().
  start(startNs) {
    Atomics.store(this.startNs, 0, startNs);
    Atomics.store(this.ints, GO, 1);
    Atomics.notify(this.ints, GO);
  }

  // Worker: block until start() (Atomics.wait is allowed in workers) and return the start time.
  waitForStart() {
    Atomics.wait(this.ints, GO, 0);
    return Atomics.load(this.startNs, 0);
  }
}

module.exports = { Shared };
