'use strict';
// The protocol's operations, on the main thread. The main thread reads and writes files and
// coordinates; inferences run in the instance workers.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const args = require('./args');
const { RunnerError } = require('./protocol');
const { describeKnobs, sessionOptions } = require('./knobs');
const { DTYPES, readNpy, writeNpy } = require('./npy');
const { loadInstances, closeInstances } = require('./instances');
const { Shared } = require('./shared');
const { readTrace, parseTrace } = require('./trace');

const ENGINE_VERSION = require('onnxruntime-node/package.json').version;
const RUNNER_VERSION = require('./package.json').version;
const SAMPLES_PER_EVENT = 4096;

let model = null; // {instances, inputs, outputs} of the loaded model

function hello() {
  return {
    protocol: 1,
    engine: 'onnxruntime',
    engine_version: ENGINE_VERSION,
    runner_version: RUNNER_VERSION,
    knobs: describeKnobs(),
    capabilities: {
      profile: true,
      intermediate_outputs: true,
      input_dtypes: Object.keys(DTYPES),
      stages: ['queue', 'run'],
    },
  };
}

async function unload() {
  if (model) await closeInstances(model.instances);
  model = null;
}

// ORT's default intra-op thread count: one per physical core (as its cpuinfo counts them).
function physicalCores() {
  let text = '';
  try { text = fs.readFileSync('/proc/cpuinfo', 'utf8'); } catch { return os.cpus().length; }
  const cores = new Set();
  for (const block of text.split('\n\n')) {
    const phys = /physical id\s*:\s*(\d+)/.exec(block);
    const core = /core id\s*:\s*(\d+)/.exec(block);
    if (phys && core) cores.add(`${phys[1]}:${core[1]}`);
  }
  return cores.size || os.cpus().length;
}

async function load(req) {
  const modelPath = args.string(req.model, 'model');
  const count = args.integer(req.instances, 'instances', { min: 1, fallback: 1 });
  const options = sessionOptions(args.object(req.options, 'options', {}));
  try {
    if (!fs.statSync(modelPath).isFile()) throw new Error('not a file');
    fs.accessSync(modelPath, fs.constants.R_OK);
  } catch (e) {
    throw new RunnerError('io', `model: cannot read ${modelPath}: ${e.code || e.message}`);
  }
  await unload();
  const begin = process.hrtime.bigint();
  model = await loadInstances(count, modelPath, options);
  const loadMs = Number(process.hrtime.bigint() - begin) / 1e6;
  return { load_ms: loadMs, threads: options.intraOpNumThreads || physicalCores() };
}

function loaded() {
  if (!model) throw new RunnerError('bad_request', 'no model loaded: send load first');
  return model;
}

// Reads the request's `inputs` (graph input name -> .npy path) and checks them against the model.
function readInputs(inputs, graphInputs) {
  args.object(inputs, 'inputs');
  for (const name of Object.keys(inputs)) {
    if (!graphInputs.some((g) => g.name === name)) {
      throw new RunnerError('bad_request', `inputs.${name}: the model has no input '${name}' ` +
        `(inputs: ${graphInputs.map((g) => g.name).join(', ')})`);
    }
  }
  const tensors = {};
  for (const g of graphInputs) {
    const field = `inputs.${g.name}`;
    if (!g.isTensor) throw new RunnerError('unsupported', `${field}: non-tensor inputs are not supported`);
    const file = args.string(inputs[g.name], field);
    const t = readNpy(file, field);
    if (t.dtype !== g.dtype) {
      throw new RunnerError('bad_request', `${field}: ${file} holds ${t.dtype}, the model expects ${g.dtype}`);
    }
    const fits = t.dims.length === g.shape.length &&
      g.shape.every((d, i) => typeof d !== 'number' || d === t.dims[i]);
    if (!fits) {
      throw new RunnerError('bad_request', `${field}: ${file} has shape [${t.dims}], the model ` +
        `expects [${g.shape.map((d) => (typeof d === 'number' ? d : d || '?'))}]`);
    }
    tensors[g.name] = t;
  }
  return tensors;
}

function fileNameOf(output) {
  return `${output.replace(/[^A-Za-z0-9._-]/g, '_')}.npy`;
}

function checkFetches(names, graphOutputs) {
  const files = new Map();
  for (const name of names) {
    const g = graphOutputs.find((o) => o.name === name);
    if (!g) {
      throw new RunnerError('bad_request', `outputs: the model has no output '${name}' ` +
        `(outputs: ${graphOutputs.map((o) => o.name).join(', ')})`);
    }
    if (!g.isTensor || !DTYPES[g.dtype]) {
      throw new RunnerError('unsupported', `outputs: '${name}' is ${g.isTensor ? g.dtype : 'not a tensor'}, ` +
        'which .npy output does not support');
    }
    const file = fileNameOf(name);
    if (files.has(file)) {
      throw new RunnerError('bad_request', `outputs: '${files.get(file)}' and '${name}' would both be ${file}`);
    }
    files.set(file, name);
  }
  return names;
}

async function infer(req) {
  const { instances, inputs, outputs } = loaded();
  const feeds = readInputs(req.inputs, inputs);
  const fetches = checkFetches(
    req.outputs === undefined ? outputs.map((o) => o.name) : args.stringArray(req.outputs, 'outputs'),
    outputs);
  const dir = args.string(req.output_dir, 'output_dir');
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new RunnerError('io', `output_dir: cannot create ${dir}: ${e.code || e.message}`);
  }
  const result = await instances[0].request({ op: 'infer', feeds, fetches });
  return {
    latency_us: result.latencyUs,
    outputs: result.outputs.map((t) => {
      const file = path.join(dir, fileNameOf(t.name));
      writeNpy(file, t);
      return { name: t.name, path: file, dtype: t.dtype, shape: t.dims };
    }),
  };
}

// Sends progress events every `everyMs` while `done()` advances; returns a stop function.
function startProgress(emit, everyMs, phaseOf) {
  const last = {};
  const timer = setInterval(() => {
    const { phase, done, since } = phaseOf();
    if (done <= (last[phase] || 0)) return;
    last[phase] = done;
    emit({ event: 'progress', phase, done, elapsed_ms: Number(process.hrtime.bigint() - since) / 1e6 });
  }, everyMs);
  return () => clearInterval(timer);
}

function round3(x) {
  return Math.round(x * 1e3) / 1e3;
}

function emitSamples(emit, phase, instance, { latency, queue, run, completion }) {
  for (let i = 0; i < latency.length; i += SAMPLES_PER_EVENT) {
    const slice = (a) => Array.from(a.subarray(i, i + SAMPLES_PER_EVENT), round3);
    emit({ event: 'samples', phase, instance, latency_us: slice(latency), end_us: slice(completion),
      stages: { queue: slice(queue), run: slice(run) } });
  }
}

async function bench(req, emit) {
  const { instances, inputs } = loaded();
  const warmupArg = args.object(req.warmup, 'warmup', {});
  const runArg = args.object(req.run, 'run');
  const warmup = {
    iterations: args.integer(warmupArg.iterations, 'warmup.iterations', { fallback: 0 }),
    ms: args.number(warmupArg.ms, 'warmup.ms', { fallback: 0 }),
  };
  const run = {
    iterations: args.integer(runArg.iterations, 'run.iterations', { fallback: 0 }),
    seconds: args.number(runArg.seconds, 'run.seconds', { fallback: 0 }),
  };
  if (run.iterations === 0 && run.seconds === 0) {
    throw new RunnerError('bad_request', 'run: expected iterations or seconds > 0');
  }
  const setSize = args.integer(req.set_size, 'set_size', { min: 1, fallback: 1 });
  const progressMs = args.number(req.progress_ms, 'progress_ms', { min: 1, fallback: 500 });
  const feeds = readInputs(req.inputs, inputs);

  const shared = new Shared(instances.length);
  const benchBegin = process.hrtime.bigint();
  let startNs = null;
  const stopProgress = startProgress(emit, progressMs, () => (startNs === null
    ? { phase: 'warmup', done: shared.totalDone('warmup'), since: benchBegin }
    : { phase: 'measure', done: shared.totalDone('measure'), since: startNs }));

  let results;
  try {
    const warmed = [];
    const runs = instances.map((inst, i) => {
      let onWarmed;
      warmed.push(new Promise((resolve) => { onWarmed = resolve; }));
      const request = inst.request(
        { op: 'bench', feeds, warmup, run, setSize, shared: shared.buffer, instances: instances.length },
        onWarmed);
      // A failed instance releases the barrier for itself and stops the others.
      request.catch(() => { shared.stop(); onWarmed(); });
      return request;
    });
    await Promise.all(warmed);
    startNs = process.hrtime.bigint();
    shared.start(startNs);
    results = await Promise.allSettled(runs);
  } finally {
    stopProgress();
  }
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;

  const values = results.map((r) => r.value);
  values.forEach((v, i) => emitSamples(emit, 'warmup', i, v.warmup));
  values.forEach((v, i) => emitSamples(emit, 'measure', i, v.measure));
  const count = (phase) => values.reduce((n, v) => n + v[phase].latency.length, 0);
  const maxOf = (list) => list.reduce((a, b) => (b > a ? b : a));
  const minOf = (list) => list.reduce((a, b) => (b < a ? b : a));
  const warmBegin = minOf(values.map((v) => v.warmup.begin));
  return {
    warmup: { count: count('warmup'), wall_ms: Number(maxOf(values.map((v) => v.warmup.end)) - warmBegin) / 1e6 },
    measure: { count: count('measure'), wall_ms: Number(maxOf(values.map((v) => v.measure.end)) - startNs) / 1e6 },
  };
}

async function profile(req, emit) {
  const { instances, inputs } = loaded();
  const warmup = args.integer(req.warmup, 'warmup', { fallback: 0 });
  const iterations = args.integer(req.iterations, 'iterations', { min: 1 });
  const progressMs = args.number(req.progress_ms, 'progress_ms', { min: 1, fallback: 500 });
  const feeds = readInputs(req.inputs, inputs);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnxbench-ort-profile-'));
  const shared = new Shared(1);
  const begin = process.hrtime.bigint();
  const stopProgress = startProgress(emit, progressMs,
    () => ({ phase: 'profile', done: shared.totalDone('profile'), since: begin }));
  try {
    await instances[0].request(
      { op: 'profile', feeds, warmup, iterations, prefix: path.join(dir, 'ort'), shared: shared.buffer });
    const traces = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (traces.length !== 1) {
      throw new RunnerError('engine', `expected one profile from ORT in ${dir}, found ${traces.length}`);
    }
    return parseTrace(readTrace(path.join(dir, traces[0])), warmup, iterations);
  } finally {
    stopProgress();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { hello, load, infer, bench, profile, unload };
