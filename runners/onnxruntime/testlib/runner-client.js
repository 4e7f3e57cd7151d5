'use strict';
// Test side of the protocol: starts runner.js in a fresh work folder and exchanges JSON lines.
// Every stdout line must be a protocol message for the request in progress.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { writeNpy } = require('../npy');
const { readTensorPb } = require('./onnx-pb');

const RUNNER = path.join(__dirname, '..', 'runner.js');
const ONNX_TESTS = '/usr/share/libonnx-testdata/data/node';

class RunnerClient {
  constructor() {
    this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnxbench-ort-test-'));
    this.child = spawn(process.execPath, [RUNNER], {
      cwd: this.workDir, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => { this.stderr += d; });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => {
      if (this.waiting) this.fail(new Error(`runner exited with status ${code}: ${this.stderr}`));
      resolve(code);
    }));
    this.waiting = null; // {id, events, resolve, reject}
    this.nextId = 1;
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
  }

  onLine(line) {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      this.fail(new Error(`runner wrote a non-JSON line to stdout: ${line}`));
      return;
    }
    const w = this.waiting;
    if (!w || msg.id !== w.id) {
      this.fail(new Error(`unexpected message: ${line}`));
      return;
    }
    if (msg.event) {
      w.events.push(msg);
      return;
    }
    this.waiting = null;
    w.resolve({ reply: msg, events: w.events });
  }

  fail(error) {
    const w = this.waiting;
    this.waiting = null;
    if (w) w.reject(error);
    else this.failure = error;
  }

  // Sends one line as it is; resolves with {reply, events} for the reply carrying `id`.
  sendLine(line, id) {
    if (this.failure) throw this.failure;
    return new Promise((resolve, reject) => {
      this.waiting = { id, events: [], resolve, reject };
      this.child.stdin.write(line + '\n');
    });
  }

  async request(op, fields = {}) {
    const id = this.nextId++;
    return this.sendLine(JSON.stringify({ id, op, ...fields }), id);
  }

  // The reply of a request that must succeed.
  async ok(op, fields) {
    const { reply, events } = await this.request(op, fields);
    assert.equal(reply.ok, true, `${op} failed: ${JSON.stringify(reply.error)}`);
    return { ...reply, events };
  }

  // The error of a request that must fail.
  async error(op, fields) {
    const { reply } = await this.request(op, fields);
    assert.equal(reply.ok, false, `${op} was expected to fail`);
    return reply.error;
  }

  async loadTest(testName, options = {}, instances = 1) {
    return this.ok('load', { model: modelOf(testName), instances, options });
  }

  // Writes tensors ({name, dtype, dims, data}) as .npy files in the work folder; returns the
  // `inputs` argument of infer/bench/profile.
  writeInputs(tensors) {
    const inputs = {};
    for (const t of tensors) {
      inputs[t.name] = path.join(this.workDir, `in_${t.name}.npy`);
      writeNpy(inputs[t.name], t);
    }
    return inputs;
  }

  // The inputs of an ONNX conformance test's first data set, as an `inputs` argument.
  testInputs(testName) {
    return this.writeInputs(dataSet(testName, 'input'));
  }

  async quit() {
    await this.ok('quit');
    return this.exited;
  }

  async close() {
    this.child.stdin.end();
    const code = await this.exited;
    fs.rmSync(this.workDir, { recursive: true, force: true });
    if (this.failure) throw this.failure;
    return code;
  }
}

function modelOf(testName) {
  return path.join(ONNX_TESTS, testName, 'model.onnx');
}

// The `kind` tensors (input or output) of an ONNX conformance test's first data set.
function dataSet(testName, kind) {
  const dir = path.join(ONNX_TESTS, testName, 'test_data_set_0');
  return fs.readdirSync(dir)
    .filter((f) => f.startsWith(`${kind}_`))
    .sort((a, b) => parseInt(a.slice(kind.length + 1), 10) - parseInt(b.slice(kind.length + 1), 10))
    .map((f) => readTensorPb(path.join(dir, f)));
}

module.exports = { RunnerClient, dataSet, modelOf };
