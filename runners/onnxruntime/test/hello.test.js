'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { RunnerClient } = require('../testlib/runner-client');
const ortPackage = require('onnxruntime-node/package.json');

test('hello names the engine and lists its knobs and capabilities', async () => {
  const runner = new RunnerClient();
  const hello = await runner.ok('hello');
  assert.equal(hello.protocol, 1);
  assert.equal(hello.engine, 'onnxruntime');
  assert.equal(hello.engine_version, ortPackage.version);
  const knobs = Object.fromEntries(hello.knobs.map((k) => [k.name, k]));
  assert.deepEqual(Object.keys(knobs), ['intra_op_threads', 'inter_op_threads', 'execution_mode',
    'graph_optimization_level', 'enable_cpu_mem_arena', 'enable_mem_pattern']);
  assert.deepEqual(knobs.intra_op_threads, { name: 'intra_op_threads', type: 'int', default: 0,
    min: 0, max: 64, help: knobs.intra_op_threads.help });
  assert.deepEqual(knobs.execution_mode.values, ['sequential', 'parallel']);
  assert.equal(knobs.graph_optimization_level.default, 'all');
  assert.ok(knobs.graph_optimization_level.values.includes('disabled'));
  for (const k of hello.knobs) assert.ok(k.help.length > 0, `${k.name} has help`);
  assert.equal(hello.capabilities.profile, true);
  assert.equal(hello.capabilities.intermediate_outputs, true);
  assert.deepEqual([...hello.capabilities.input_dtypes].sort(), ['bool', 'float16', 'float32',
    'float64', 'int16', 'int32', 'int64', 'int8', 'uint16', 'uint32', 'uint64', 'uint8']);
  assert.deepEqual(hello.capabilities.stages, ['queue', 'run']);
  assert.equal(await runner.close(), 0);
});

test('quit replies and exits with status 0', async () => {
  const runner = new RunnerClient();
  await runner.loadTest('test_relu');
  assert.equal(await runner.quit(), 0);
  await runner.close();
});

test('closing stdin exits with status 0, also with a model loaded', async () => {
  const runner = new RunnerClient();
  await runner.loadTest('test_relu', {}, 2);
  assert.equal(await runner.close(), 0);
});
