'use strict';
// Reads the Chrome-trace JSON that ORT's profiler writes: one "model_run" event (cat "Session")
// per inference, and inside its time span one "<node>_kernel_time" event (cat "Node") per node
// executed, with args.op_name. Times are integer microseconds. Events are stored in completion
// order, so everything is sorted by start time first.

const fs = require('node:fs');
const { RunnerError } = require('./protocol');

const KERNEL_SUFFIX = '_kernel_time';

function readTrace(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RunnerError('engine', `cannot read ORT's profile ${file}: ${e.message}`);
  }
}

// Per-layer and whole-run times of the last `iterations` runs (the first `skip` are warm-up).
// Layers are in execution order; a node that runs several times in one inference (inside a loop)
// gets the sum, one that did not run gets 0.
function parseTrace(events, skip, iterations) {
  const byStart = (a, b) => a.ts - b.ts;
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort(byStart);
  if (runs.length !== skip + iterations) {
    throw new RunnerError('engine', `ORT's profile has ${runs.length} model_run events, expected ` +
      `${skip + iterations} (ORT stops recording after 1,000,000 events: try fewer iterations)`);
  }
  const measured = runs.slice(skip);
  const kernels = events
    .filter((e) => e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX))
    .sort(byStart);

  const layers = new Map(); // node name and op type -> layer
  let r = 0;
  for (const e of kernels) {
    while (r < measured.length && e.ts > measured[r].ts + measured[r].dur) r++;
    if (r === measured.length) break;
    if (e.ts < measured[r].ts) continue; // belongs to a warm-up run
    const name = e.name.slice(0, -KERNEL_SUFFIX.length);
    const opType = e.args && e.args.op_name;
    const key = `${name}\n${opType}`;
    if (!layers.has(key)) {
      layers.set(key, { name, op_type: opType, samples_us: new Array(iterations).fill(0) });
    }
    layers.get(key).samples_us[r] += e.dur;
  }
  return { total_us: measured.map((e) => e.dur), layers: [...layers.values()] };
}

module.exports = { readTrace, parseTrace };
