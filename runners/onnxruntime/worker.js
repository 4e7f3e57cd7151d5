'use strict';
// One instance: a worker thread that owns its own ORT InferenceSession. onnxruntime-node's run()
// executes the inference synchronously on the calling thread (dist/backend.js defers the native
// call with setImmediate, nothing more), so parallel instances need threads of their own.
// Requests come from instances.js; each gets exactly one reply {ok, ...} or {ok:false, error}.
// Nothing here may write to stdout: it is the main thread's protocol channel.

const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const ort = require('onnxruntime-node');
const { RunnerError, errorObject } = require('./protocol');
const { Shared } = require('./shared');
const { Samples, runFifo } = require('./fifo');

ort.env.logLevel = 'error';

const instance = workerData.instance;
let model = null; // {path, options} of the loaded session, for the profiling session
let session = null;

// performance.now() of this thread <-> process.hrtime nanoseconds (the clock all threads share).
const originNs = process.hrtime.bigint() - BigInt(Math.round(performance.now() * 1e6));
const toNs = (ms) => originNs + BigInt(Math.round(ms * 1e6));
const fromNs = (ns) => Number(ns - originNs) / 1e6;

// The failing node, when ORT's message names it (ORT words it in several ways).
function nodeOf(message) {
  const m = /Node \(([^)]*)\)|node with name '([^']*)'|In Node, \("([^"]*)"/.exec(message);
  return m ? m[1] || m[2] || m[3] || undefined : undefined;
}

async function createSession(path, options) {
  try {
    return await ort.InferenceSession.create(path, options);
  } catch (e) {
    throw new RunnerError('model', e.message, nodeOf(e.message));
  }
}

function toFeeds(tensors) {
  const feeds = {};
  for (const [name, t] of Object.entries(tensors)) feeds[name] = new ort.Tensor(t.dtype, t.data, t.dims);
  return feeds;
}

function metadata(list) {
  return list.map((m) => ({ name: m.name, isTensor: m.isTensor, dtype: m.type, shape: m.shape }));
}

async function load({ path, options }) {
  session = await createSession(path, options);
  model = { path, options };
  return { inputs: metadata(session.inputMetadata), outputs: metadata(session.outputMetadata) };
}

async function infer({ feeds, fetches }) {
  const tensors = toFeeds(feeds);
  const t0 = performance.now();
  const results = await session.run(tensors, fetches);
  const latencyUs = (performance.now() - t0) * 1e3;
  return {
    latencyUs,
    outputs: fetches.map((name) => {
      const t = results[name];
      return { name, dtype: t.type, dims: t.dims, data: t.data };
    }),
  };
}

function phaseResult(samples, begin, end) {
  const n = samples.count;
  return {
    begin: toNs(begin),
    end: toNs(end),
    latency: samples.latency.subarray(0, n),
    queue: samples.queue.subarray(0, n),
    run: samples.run.subarray(0, n),
    completion: samples.completion.subarray(0, n),
  };
}

// Warm-up on this instance alone, then wait for the common start, then the measured phase.
async function bench({ feeds: tensors, warmup, run, setSize, shared: buffer, instances }) {
  const feeds = toFeeds(tensors);
  const shared = new Shared(instances, buffer);

  const warmSamples = new Samples(warmup.iterations + setSize);
  const warmBegin = performance.now();
  let warmSubmitted = 0;
  const warmMore = (t) => {
    if (warmSubmitted >= warmup.iterations && t - warmBegin >= warmup.ms) return false;
    warmSubmitted++;
    return true;
  };
  const warmEnd = await runFifo(session, feeds, setSize, warmMore, warmSamples,
    (n) => shared.setDone('warmup', instance, n), warmBegin);

  parentPort.postMessage({ event: 'warmed' });
  const start = fromNs(shared.waitForStart());
  const deadline = start + run.seconds * 1e3;
  const measureMore = run.iterations > 0
    ? () => !shared.stopped() && shared.takeTicket(run.iterations)
    : (t) => !shared.stopped() && t < deadline;
  const samples = new Samples(run.iterations > 0 ? Math.ceil(run.iterations / instances) + setSize : 1 << 16);
  const end = await runFifo(session, feeds, setSize, measureMore, samples,
    (n) => shared.setDone('measure', instance, n), start);

  return { warmup: phaseResult(warmSamples, warmBegin, warmEnd), measure: phaseResult(samples, start, end) };
}

// A separate session with ORT's profiler on; ORT writes the trace on endProfiling().
async function profile({ feeds: tensors, warmup, iterations, prefix, shared: buffer }) {
  const profiled = await createSession(model.path,
    { ...model.options, enableProfiling: true, profileFilePrefix: prefix });
  const shared = new Shared(1, buffer);
  try {
    const feeds = toFeeds(tensors);
    for (let i = 0; i < warmup + iterations; i++) {
      await profiled.run(feeds);
      shared.setDone('profile', 0, i + 1);
    }
    profiled.endProfiling();
  } finally {
    await profiled.release();
  }
  return {};
}

const OPS = { load, infer, bench, profile };

parentPort.on('message', async (msg) => {
  try {
    const result = await OPS[msg.op](msg);
    const transfer = msg.op === 'bench'
      ? [result.warmup, result.measure].flatMap((p) => [p.latency.buffer, p.queue.buffer, p.run.buffer, p.completion.buffer])
      : [];
    parentPort.postMessage({ ok: true, ...result }, transfer);
  } catch (e) {
    parentPort.postMessage({ ok: false, error: errorObject(e) });
  }
});
