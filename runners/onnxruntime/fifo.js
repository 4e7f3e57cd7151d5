'use strict';
// The timed loop of one instance. onnxruntime-node runs an inference synchronously on the thread
// that called run(), so an instance completes one request at a time: `setSize` requests in flight
// form a FIFO queue in front of it. The first `setSize` requests are submitted at the start; each
// completion submits the next one. Latency = completion - submission, so it includes the queueing.

const { performance } = require('node:perf_hooks');

const KEYS = ['latency', 'queue', 'run', 'completion'];

// Raw samples in microseconds, in preallocated arrays that grow by doubling (between requests).
// `completion` is each request's completion time after the phase's origin.
class Samples {
  constructor(capacity) {
    this.count = 0;
    for (const key of KEYS) this[key] = new Float64Array(Math.max(capacity, 16));
  }

  push(latencyUs, queueUs, runUs, completionUs) {
    if (this.count === this.latency.length) this.grow();
    this.latency[this.count] = latencyUs;
    this.queue[this.count] = queueUs;
    this.run[this.count] = runUs;
    this.completion[this.count] = completionUs;
    this.count++;
  }

  grow() {
    for (const key of KEYS) {
      const bigger = new Float64Array(this.latency.length * 2);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}

// Runs requests until `maySubmit(now_ms)` refuses one and the queue is empty; requests already in
// flight always complete. `onDone(count)` runs after each completion, outside the timed region.
// Completion times are taken after `origin` (performance.now() ms: the phase's common start).
// Returns the time of the last completion (or of the start if none ran), in performance.now() ms.
async function runFifo(session, feeds, setSize, maySubmit, samples, onDone, origin) {
  const submitted = new Float64Array(setSize); // submission times of pending requests, ring buffer
  let head = 0;
  let pending = 0;
  const start = performance.now();
  while (pending < setSize && maySubmit(start)) submitted[(head + pending++) % setSize] = start;
  let end = start;
  while (pending > 0) {
    const t0 = performance.now();
    await session.run(feeds);
    const t1 = performance.now();
    const submit = submitted[head];
    head = (head + 1) % setSize;
    pending--;
    samples.push((t1 - submit) * 1e3, (t0 - submit) * 1e3, (t1 - t0) * 1e3, (t1 - origin) * 1e3);
    onDone(samples.count);
    if (maySubmit(t1)) submitted[(head + pending++) % setSize] = t1;
    end = t1;
  }
  return end;
}

module.exports = { Samples, runFifo };
