'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const { test } = require('node:test');
const { RunnerClient, modelOf } = require('../testlib/runner-client');
const { modelOpTypes } = require('../testlib/onnx-pb');

const profileDirs = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('onnxbench-ort-profile-'));

test('profile returns one time per iteration for the whole run and each layer, in node order', async () => {
  const name = 'test_softmax_example_expanded';
  const runner = new RunnerClient();
  await runner.loadTest(name, { graph_optimization_level: 'disabled' });
  const inputs = runner.testInputs(name);
  const dirsBefore = profileDirs();
  const reply = await runner.ok('profile', { inputs, warmup: 2, iterations: 5, progress_ms: 1 });

  assert.equal(reply.total_us.length, 5);
  // ORT turns Constant nodes into initializers; every other node is a layer.
  const expected = modelOpTypes(modelOf(name)).filter((op) => op !== 'Constant');
  assert.deepEqual(reply.layers.map((l) => l.op_type), expected);
  for (const layer of reply.layers) {
    assert.ok(layer.name.length > 0);
    assert.equal(layer.samples_us.length, 5);
    assert.ok(layer.samples_us.every((us) => Number.isInteger(us) && us >= 0));
  }
  for (const [i, total] of reply.total_us.entries()) {
    const layersSum = reply.layers.reduce((sum, l) => sum + l.samples_us[i], 0);
    assert.ok(total >= layersSum, `iteration ${i}: run ${total} us >= its layers ${layersSum} us`);
  }
  const progress = reply.events.filter((e) => e.event === 'progress');
  assert.ok(progress.every((p) => p.phase === 'profile' && p.done <= 7));

  // ORT's trace is deleted, and it was never written into the work folder.
  assert.deepEqual(profileDirs(), dirsBefore);
  assert.deepEqual(fs.readdirSync(runner.workDir).sort(), ['in_x.npy']);
  assert.equal(await runner.close(), 0);
});

test('profile of an optimized conv model names the Conv layer', async () => {
  const name = 'test_conv_with_strides_padding';
  const runner = new RunnerClient();
  await runner.loadTest(name);
  const reply = await runner.ok('profile', { inputs: runner.testInputs(name), iterations: 3 });
  assert.deepEqual(reply.layers.map((l) => l.op_type), ['Conv']);
  assert.equal(reply.layers[0].samples_us.length, 3);
  assert.equal(reply.total_us.length, 3);
  assert.equal(await runner.close(), 0);
});

test('profile rejects bad arguments', async () => {
  const name = 'test_relu';
  const runner = new RunnerClient();
  const inputs = runner.testInputs(name);
  assert.equal((await runner.error('profile', { inputs, iterations: 1 })).kind, 'bad_request');
  await runner.loadTest(name);
  assert.deepEqual(await runner.error('profile', { inputs, iterations: 0 }),
    { kind: 'bad_request', message: 'iterations: expected an integer >= 1' });
  assert.equal(await runner.close(), 0);
});
