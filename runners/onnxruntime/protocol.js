'use strict';
// Protocol plumbing: typed errors and the one-JSON-object-per-line writer (docs/runner-protocol.md).

const KINDS = new Set(['bad_request', 'unsupported', 'model', 'io', 'engine']);

class RunnerError extends Error {
  constructor(kind, message, node) {
    super(message);
    if (!KINDS.has(kind)) throw new Error(`unknown error kind '${kind}'`);
    this.kind = kind;
    if (node) this.node = node;
  }
}

// Error messages travel on one line.
function oneLine(text) {
  return String(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

// Any thrown value as the protocol's error object; what is not a RunnerError is an engine failure.
function errorObject(err) {
  const kind = err instanceof RunnerError ? err.kind : 'engine';
  const out = { kind, message: oneLine(err && err.message !== undefined ? err.message : err) };
  if (err && err.node) out.node = err.node;
  return out;
}

// stdout is a pipe: Node writes to pipes synchronously on Linux, so lines are never interleaved
// or lost when the process exits right after a write.
function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

module.exports = { RunnerError, errorObject, oneLine, send };
