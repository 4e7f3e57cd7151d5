'use strict';
// The main thread's handles on the instance workers (worker.js): one request at a time per
// worker, answered by one reply; `event` messages before the reply go to the request's onEvent.

const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { RunnerError } = require('./protocol');

class Instance {
  constructor(index) {
    this.pending = null; // {resolve, reject, onEvent} of the request in progress
    this.dead = null; // why the worker stopped, once it has
    this.worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: { instance: index } });
    this.worker.on('message', (msg) => this.onMessage(msg));
    this.worker.on('error', (e) => this.fail(`instance ${index} crashed: ${e.message}`));
    this.worker.on('exit', (code) => this.fail(`instance ${index} exited with status ${code}`));
  }

  onMessage(msg) {
    const pending = this.pending;
    if (!pending) return;
    if (msg.event) {
      pending.onEvent(msg);
      return;
    }
    this.pending = null;
    if (msg.ok) pending.resolve(msg);
    else pending.reject(new RunnerError(msg.error.kind, msg.error.message, msg.error.node));
  }

  // The worker is gone: later requests fail at once instead of waiting for a reply forever.
  fail(message) {
    this.dead = this.dead || message;
    const pending = this.pending;
    this.pending = null;
    if (pending) pending.reject(new RunnerError('engine', message));
  }

  request(msg, onEvent = () => {}) {
    return new Promise((resolve, reject) => {
      if (this.dead) {
        reject(new RunnerError('engine', this.dead));
        return;
      }
      this.pending = { resolve, reject, onEvent };
      this.worker.postMessage(msg);
    });
  }

  async close() {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

// Starts `count` workers and loads the model in all of them in parallel.
// Returns the instances and the model's input/output metadata.
async function loadInstances(count, modelPath, options) {
  const instances = Array.from({ length: count }, (_, i) => new Instance(i));
  const loads = await Promise.allSettled(
    instances.map((inst) => inst.request({ op: 'load', path: modelPath, options })));
  const failed = loads.find((r) => r.status === 'rejected');
  if (failed) {
    await closeInstances(instances);
    throw failed.reason;
  }
  const { inputs, outputs } = loads[0].value;
  return { instances, inputs, outputs };
}

async function closeInstances(instances) {
  await Promise.all(instances.map((inst) => inst.close()));
}

module.exports = { loadInstances, closeInstances };
