'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const { readNpy } = require('../npy');
const { RunnerClient, dataSet } = require('../testlib/runner-client');

function assertClose(actual, expected, tolerance, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance,
      `${what}[${i}]: ${actual[i]} vs expected ${expected[i]}`);
  }
}

test('relu of known values', async () => {
  const runner = new RunnerClient();
  await runner.loadTest('test_relu');
  const x = new Float32Array(60).map((_, i) => i - 30.5);
  const inputs = runner.writeInputs([{ name: 'x', dtype: 'float32', dims: [3, 4, 5], data: x }]);
  const outDir = path.join(runner.workDir, 'out');
  const { outputs } = await runner.ok('infer', { inputs, output_dir: outDir });
  assert.deepEqual(outputs, [{ name: 'y', path: path.join(outDir, 'y.npy'), dtype: 'float32', shape: [3, 4, 5] }]);
  const y = readNpy(outputs[0].path, 'y');
  assert.deepEqual([...y.data], [...x].map((v) => Math.max(v, 0)));
  assert.equal(await runner.close(), 0);
});

// ONNX conformance tests: inputs and expected outputs from test_data_set_0. Together they cover
// every dtype the runner accepts.
const CONFORMANCE = [
  'test_conv_with_strides_padding', 'test_matmul_2d', 'test_cast_FLOAT16_to_FLOAT',
  'test_cast_FLOAT_to_FLOAT16', 'test_cast_DOUBLE_to_FLOAT', 'test_and2d', 'test_add_uint8',
  'test_mod_mixed_sign_int8', 'test_mod_mixed_sign_int16', 'test_mod_uint16', 'test_max_int32',
  'test_max_uint32', 'test_mod_int64_fmod', 'test_bitshift_right_uint64',
];

for (const name of CONFORMANCE) {
  test(`${name} gives ONNX's expected outputs`, async () => {
    const runner = new RunnerClient();
    await runner.loadTest(name);
    const outDir = path.join(runner.workDir, 'out');
    const { outputs } = await runner.ok('infer', { inputs: runner.testInputs(name), output_dir: outDir });
    const expected = dataSet(name, 'output');
    assert.deepEqual(outputs.map((o) => o.name), expected.map((e) => e.name));
    for (const [i, e] of expected.entries()) {
      assert.equal(outputs[i].dtype, e.dtype);
      assert.deepEqual(outputs[i].shape, e.dims);
      const actual = readNpy(outputs[i].path, e.name);
      assert.equal(actual.dtype, e.dtype);
      assert.deepEqual(actual.dims, e.dims);
      if (e.dtype === 'float32' || e.dtype === 'float64') {
        assertClose(actual.data, e.data, 1e-4, e.name);
      } else {
        assert.deepEqual(actual.data, e.data, e.name);
      }
    }
    assert.equal(await runner.close(), 0);
  });
}

test('outputs selects which graph outputs are fetched and written', async () => {
  const name = 'test_split_equal_parts_1d';
  const runner = new RunnerClient();
  await runner.loadTest(name);
  const outDir = path.join(runner.workDir, 'out');
  const { outputs } = await runner.ok('infer',
    { inputs: runner.testInputs(name), output_dir: outDir, outputs: ['output_3'] });
  assert.deepEqual(outputs.map((o) => o.name), ['output_3']);
  assert.deepEqual(fs.readdirSync(outDir), ['output_3.npy']);
  const expected = dataSet(name, 'output').find((e) => e.name === 'output_3');
  assert.deepEqual(readNpy(outputs[0].path, 'output_3').data, expected.data);
  assert.equal(await runner.close(), 0);
});

test('infer runs on a model loaded with several instances and non-default knobs', async () => {
  const name = 'test_conv_with_strides_padding';
  const runner = new RunnerClient();
  await runner.loadTest(name, { intra_op_threads: 1, execution_mode: 'parallel',
    graph_optimization_level: 'disabled', enable_cpu_mem_arena: false, enable_mem_pattern: false }, 2);
  const { outputs } = await runner.ok('infer',
    { inputs: runner.testInputs(name), output_dir: runner.workDir });
  assertClose(readNpy(outputs[0].path, 'y').data, dataSet(name, 'output')[0].data, 1e-4, 'y');
  assert.equal(await runner.close(), 0);
});

test('load reports the intra-op threads it uses, the default included', async () => {
  const runner = new RunnerClient();
  const given = await runner.loadTest('test_relu', { intra_op_threads: 1 });
  assert.equal(given.threads, 1);
  const byDefault = await runner.loadTest('test_relu');
  assert.ok(Number.isInteger(byDefault.threads) && byDefault.threads >= 1, `${byDefault.threads}`);
  assert.ok(byDefault.threads <= os.cpus().length, `${byDefault.threads} physical cores`);
  assert.equal(await runner.close(), 0);
});

test('a later load replaces the previous model', async () => {
  const runner = new RunnerClient();
  await runner.loadTest('test_conv_with_strides_padding', {}, 2);
  await runner.loadTest('test_relu');
  const inputs = runner.writeInputs([{ name: 'x', dtype: 'float32', dims: [3, 4, 5], data: new Float32Array(60).fill(-1) }]);
  const { outputs } = await runner.ok('infer', { inputs, output_dir: runner.workDir });
  assert.deepEqual(outputs.map((o) => o.name), ['y']);
  assert.deepEqual([...readNpy(outputs[0].path, 'y').data], new Array(60).fill(0));
  assert.equal(await runner.close(), 0);
});
