#!/usr/bin/env node
'use strict';
// onnxbench runner for ONNX Runtime (npm onnxruntime-node): reads one JSON request per line on
// stdin and answers on stdout, one request at a time (docs/runner-protocol.md).

const readline = require('node:readline');
const ops = require('./ops');
const { RunnerError, errorObject, oneLine, send } = require('./protocol');

const HANDLERS = {
  hello: ops.hello,
  load: ops.load,
  infer: ops.infer,
  bench: ops.bench,
  profile: ops.profile,
  quit: () => ({}),
};

function parseRequest(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    throw new RunnerError('bad_request', `request is not valid JSON: ${oneLine(e.message)}`);
  }
  if (typeof req !== 'object' || req === null || Array.isArray(req)) {
    throw new RunnerError('bad_request', 'request: expected a JSON object');
  }
  return req;
}

// Handles one line; returns true when the runner should exit.
async function handle(line) {
  let id = null;
  try {
    const req = parseRequest(line);
    if (!Number.isInteger(req.id)) throw new RunnerError('bad_request', 'id: expected an integer');
    id = req.id;
    const handler = Object.hasOwn(HANDLERS, req.op) ? HANDLERS[req.op] : null;
    if (!handler) {
      throw new RunnerError('bad_request',
        `op: expected one of ${Object.keys(HANDLERS).join(', ')}, got ${JSON.stringify(req.op)}`);
    }
    const result = await handler(req, (event) => send({ id, ...event }));
    send({ id, ok: true, ...result });
    return req.op === 'quit';
  } catch (e) {
    send({ id, ok: false, error: errorObject(e) });
    return false;
  }
}

async function exit() {
  await ops.unload();
  process.exit(0);
}

const lines = [];
let busy = false;
let stdinClosed = false;

async function pump() {
  if (busy) return;
  busy = true;
  while (lines.length > 0) {
    if (await handle(lines.shift())) await exit();
  }
  busy = false;
  if (stdinClosed) await exit();
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', (line) => {
  lines.push(line);
  pump();
});
input.on('close', () => {
  stdinClosed = true;
  pump();
});
