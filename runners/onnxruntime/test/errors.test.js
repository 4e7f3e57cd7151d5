'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { RunnerClient, modelOf } = require('../testlib/runner-client');

// test_relu's model with its node named `bad_node` and its op changed to the unknown Rxlu.
// In the file, the graph (field 7, length at byte 0x11) starts with the node (field 1, length at
// 0x13, content 0x14..0x1f); a name field (3) is appended to the node and both lengths grow.
function unknownOpModel(file) {
  const relu = fs.readFileSync(modelOf('test_relu'));
  assert.deepEqual([relu[0x10], relu[0x12], relu[0x13]], [0x3a, 0x0a, 0x0c]);
  const name = Buffer.concat([Buffer.from([0x1a, 8]), Buffer.from('bad_node')]);
  const node = Buffer.concat([Buffer.from(relu.subarray(0x14, 0x20)), name]);
  node.write('Rxlu', node.indexOf('Relu'));
  fs.writeFileSync(file, Buffer.concat([relu.subarray(0, 0x11), Buffer.from([relu[0x11] + name.length]),
    Buffer.from([0x0a, node.length]), node, relu.subarray(0x20)]));
}

test('load errors: missing file, non-ONNX bytes, a model ORT rejects, bad knobs', async () => {
  const runner = new RunnerClient();
  const missing = path.join(runner.workDir, 'missing.onnx');
  assert.deepEqual(await runner.error('load', { model: missing }),
    { kind: 'io', message: `model: cannot read ${missing}: ENOENT` });

  const junk = path.join(runner.workDir, 'junk.onnx');
  fs.writeFileSync(junk, 'this is not an ONNX model\n');
  const notOnnx = await runner.error('load', { model: junk });
  assert.equal(notOnnx.kind, 'model');
  assert.match(notOnnx.message, /Protobuf parsing failed/);

  const unknownOp = path.join(runner.workDir, 'unknown_op.onnx');
  unknownOpModel(unknownOp);
  const rejected = await runner.error('load', { model: unknownOp });
  assert.equal(rejected.kind, 'model');
  assert.equal(rejected.node, 'bad_node');
  assert.match(rejected.message, /Rxlu/);
  assert.doesNotMatch(rejected.message, /\n/);

  const relu = modelOf('test_relu');
  const unknownKnob = await runner.error('load', { model: relu, options: { threads: 2 } });
  assert.equal(unknownKnob.kind, 'unsupported');
  assert.match(unknownKnob.message, /^options\.threads: unknown knob/);
  assert.equal((await runner.error('load', { model: relu, options: { intra_op_threads: 65 } })).kind,
    'unsupported');
  assert.equal((await runner.error('load', { model: relu, options: { execution_mode: 'fast' } })).kind,
    'unsupported');
  assert.equal((await runner.error('load', { model: relu, options: { intra_op_threads: '2' } })).kind,
    'bad_request');
  assert.equal((await runner.error('load', { model: relu, instances: 0 })).kind, 'bad_request');

  await runner.loadTest('test_relu'); // the runner goes on after errors
  assert.equal(await runner.close(), 0);
});

test('bad request lines get bad_request, with id null when there is no usable id', async () => {
  const runner = new RunnerClient();
  const { reply: notJson } = await runner.sendLine('{"id": 1, "op": ', null);
  assert.equal(notJson.id, null);
  assert.equal(notJson.error.kind, 'bad_request');
  assert.match(notJson.error.message, /^request is not valid JSON/);
  const { reply: notObject } = await runner.sendLine('[1, 2]', null);
  assert.equal(notObject.error.kind, 'bad_request');
  const { reply: noId } = await runner.sendLine('{"op": "hello"}', null);
  assert.deepEqual(noId.error, { kind: 'bad_request', message: 'id: expected an integer' });
  const { reply: unknownOp } = await runner.sendLine('{"id": 7, "op": "dance"}', 7);
  assert.equal(unknownOp.ok, false);
  assert.equal(unknownOp.error.kind, 'bad_request');
  assert.equal((await runner.request('infer', { inputs: {}, output_dir: runner.workDir })).reply.error.kind,
    'bad_request'); // no model loaded
  await runner.ok('hello');
  assert.equal(await runner.close(), 0);
});

test('bad .npy inputs are io errors naming the field and the file', async () => {
  const runner = new RunnerClient();
  await runner.loadTest('test_relu');
  const x = path.join(runner.workDir, 'x.npy');
  const infer = async () => runner.error('infer', { inputs: { x }, output_dir: runner.workDir });
  const good = { name: 'x', dtype: 'float32', dims: [3, 4, 5], data: new Float32Array(60) };
  const goodBytes = () => fs.readFileSync(runner.writeInputs([good]).x);

  assert.deepEqual(await infer(), { kind: 'io', message: `inputs.x: cannot read ${x}: ENOENT` });
  const cases = [
    [Buffer.from('PK\x03\x04 not a numpy file'), 'magic string \\x93NUMPY missing at the start'],
    [goodBytes().subarray(0, 200), 'data is 72 bytes, shape (3, 4, 5) of float32 needs 240'],
    [Buffer.from(goodBytes().toString('latin1').replace("'<f4'", "'<c8'"), 'latin1'),
      "field 'descr' is '<c8', expected a number or bool type (f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1)"],
    [Buffer.from(goodBytes().toString('latin1').replace("False", "True "), 'latin1'),
      "field 'fortran_order' is True, expected C order (False)"],
  ];
  for (const [bytes, what] of cases) {
    fs.writeFileSync(x, bytes);
    assert.deepEqual(await infer(), { kind: 'io', message: `inputs.x: ${x}: not a valid .npy file: ${what}` });
  }
  assert.equal(await runner.close(), 0);
});

test('inputs and outputs that do not fit the model are bad requests', async () => {
  const runner = new RunnerClient();
  await runner.loadTest('test_relu');
  const out = runner.workDir;
  const f64 = runner.writeInputs([{ name: 'x', dtype: 'float64', dims: [3, 4, 5], data: new Float64Array(60) }]);
  assert.deepEqual(await runner.error('infer', { inputs: f64, output_dir: out }),
    { kind: 'bad_request', message: `inputs.x: ${f64.x} holds float64, the model expects float32` });
  const small = runner.writeInputs([{ name: 'x', dtype: 'float32', dims: [3, 4], data: new Float32Array(12) }]);
  assert.deepEqual(await runner.error('infer', { inputs: small, output_dir: out }),
    { kind: 'bad_request', message: `inputs.x: ${small.x} has shape [3,4], the model expects [3,4,5]` });
  const good = runner.writeInputs([{ name: 'x', dtype: 'float32', dims: [3, 4, 5], data: new Float32Array(60) }]);
  assert.equal((await runner.error('infer', { inputs: {}, output_dir: out })).kind, 'bad_request');
  assert.equal((await runner.error('infer', { inputs: { ...good, z: good.x }, output_dir: out })).kind,
    'bad_request');
  assert.deepEqual(await runner.error('infer', { inputs: good, output_dir: out, outputs: ['nope'] }),
    { kind: 'bad_request', message: "outputs: the model has no output 'nope' (outputs: y)" });
  assert.equal(await runner.close(), 0);
});

test('stderr stays quiet while things go right', async () => {
  const runner = new RunnerClient();
  await runner.ok('hello');
  await runner.loadTest('test_relu', {}, 2);
  const inputs = runner.writeInputs([{ name: 'x', dtype: 'float32', dims: [3, 4, 5], data: new Float32Array(60) }]);
  await runner.ok('infer', { inputs, output_dir: runner.workDir });
  await runner.ok('bench', { inputs, run: { iterations: 10 } });
  await runner.ok('profile', { inputs, iterations: 2 });
  const stderr = runner.stderr;
  assert.equal(await runner.close(), 0);
  assert.equal(stderr, '');
});
