'use strict';
// The engine's knobs as `hello` lists them, and their mapping onto ORT session options.

const { RunnerError } = require('./protocol');

const KNOBS = [
  { name: 'intra_op_threads', type: 'int', default: 0, min: 0, max: 64,
    help: 'threads inside one operator, 0 = ORT default (one per physical core)',
    ort: 'intraOpNumThreads' },
  { name: 'inter_op_threads', type: 'int', default: 0, min: 0, max: 64,
    help: 'threads running independent operators in parallel execution mode, 0 = ORT default',
    ort: 'interOpNumThreads' },
  { name: 'execution_mode', type: 'enum', default: 'sequential', values: ['sequential', 'parallel'],
    help: 'run operators one after another, or independent branches in parallel',
    ort: 'executionMode' },
  { name: 'graph_optimization_level', type: 'enum', default: 'all',
    values: ['disabled', 'basic', 'extended', 'layout', 'all'],
    help: 'graph optimizations applied when the session is created',
    ort: 'graphOptimizationLevel' },
  { name: 'enable_cpu_mem_arena', type: 'bool', default: true,
    help: 'serve CPU tensor memory from an arena instead of the system allocator',
    ort: 'enableCpuMemArena' },
  { name: 'enable_mem_pattern', type: 'bool', default: true,
    help: 'plan memory from the pattern of the first run (sequential mode only)',
    ort: 'enableMemPattern' },
];

// The knob list for `hello` (without the internal ORT option names).
function describeKnobs() {
  return KNOBS.map(({ ort, ...knob }) => knob);
}

function checkValue(knob, value) {
  const field = `options.${knob.name}`;
  if (knob.type === 'int') {
    if (!Number.isInteger(value)) throw new RunnerError('bad_request', `${field}: expected an integer`);
    if (value < knob.min || value > knob.max) {
      throw new RunnerError('unsupported', `${field}: ${value} is outside [${knob.min}, ${knob.max}]`);
    }
  } else if (knob.type === 'enum') {
    if (typeof value !== 'string') throw new RunnerError('bad_request', `${field}: expected a string`);
    if (!knob.values.includes(value)) {
      throw new RunnerError('unsupported',
        `${field}: '${value}' is not one of ${knob.values.join(', ')}`);
    }
  } else if (typeof value !== 'boolean') {
    throw new RunnerError('bad_request', `${field}: expected true or false`);
  }
}

// Validates `load`'s options against the knobs and returns ORT session options.
// ORT's own log goes to stderr; only errors are let through so that it stays quiet.
function sessionOptions(options) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new RunnerError('bad_request', 'options: expected an object');
  }
  const out = { logSeverityLevel: 3 };
  for (const [name, value] of Object.entries(options)) {
    const knob = KNOBS.find((k) => k.name === name);
    if (!knob) {
      throw new RunnerError('unsupported',
        `options.${name}: unknown knob (known: ${KNOBS.map((k) => k.name).join(', ')})`);
    }
    checkValue(knob, value);
  }
  for (const knob of KNOBS) {
    const value = knob.name in options ? options[knob.name] : knob.default;
    if (knob.type === 'int' && value === 0) continue; // 0 = leave it to ORT
    out[knob.ort] = value;
  }
  return out;
}

module.exports = { describeKnobs, sessionOptions };
