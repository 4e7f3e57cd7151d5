'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const { DTYPES, readNpy, writeNpy } = require('../npy');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnxbench-ort-npy-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

test('writes the header NumPy writes, data 64-byte aligned', () => {
  const file = path.join(dir, 'a.npy');
  writeNpy(file, { dtype: 'float32', dims: [3, 4, 5], data: new Float32Array(60) });
  const bytes = fs.readFileSync(file);
  const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4, 5), }";
  const header = Buffer.concat([Buffer.from('\x93NUMPY\x01\x00\x76\x00', 'latin1'),
    Buffer.from(dict + ' '.repeat(128 - 10 - dict.length - 1) + '\n')]);
  assert.deepEqual(bytes.subarray(0, 128), header);
  assert.equal(bytes.length, 128 + 240);

  for (const [dtype, dims, shape] of [['bool', [5], '(5,)'], ['float64', [], '()'], ['uint8', [2, 3], '(2, 3)']]) {
    const n = dims.reduce((a, b) => a * b, 1);
    writeNpy(file, { dtype, dims, data: new DTYPES[dtype].Array(n) });
    const text = fs.readFileSync(file).toString('latin1');
    const dataStart = 10 + fs.readFileSync(file).readUInt16LE(8);
    assert.equal(dataStart % 64, 0);
    assert.equal(text[dataStart - 1], '\n');
    assert.ok(text.includes(`'shape': ${shape}, }`), text);
    assert.ok(text.includes(`'descr': '${dtype === 'float64' ? '<' : '|'}`), text);
  }
});

test('every dtype survives a write and a read', () => {
  const values = {
    float32: [1.5, -2, 3e-3], float16: [0x3c00, 0xc000, 0x7bff], float64: [Math.PI, -1e300, 0],
    int8: [-128, 0, 127], uint8: [0, 128, 255], int16: [-32768, 1, 32767], uint16: [0, 1, 65535],
    int32: [-(2 ** 31), 0, 2 ** 31 - 1], uint32: [0, 1, 2 ** 32 - 1],
    int64: [-(2n ** 63n), 0n, 2n ** 63n - 1n], uint64: [0n, 1n, 2n ** 64n - 1n], bool: [1, 0, 1],
  };
  assert.deepEqual(Object.keys(values).sort(), Object.keys(DTYPES).sort());
  for (const [dtype, list] of Object.entries(values)) {
    const file = path.join(dir, `${dtype}.npy`);
    const data = DTYPES[dtype].Array.from(list);
    writeNpy(file, { dtype, dims: [1, 3], data });
    assert.deepEqual(readNpy(file, 'x'), { dtype, dims: [1, 3], data }, dtype);
  }
});

test('reads format 2.0 headers and native byte order', () => {
  const dict = "{'descr': '=i4', 'fortran_order': False, 'shape': (2,), }";
  const header = dict + ' '.repeat(128 - 12 - dict.length - 1) + '\n';
  const prefix = Buffer.from('\x93NUMPY\x02\x00\x00\x00\x00\x00', 'latin1');
  prefix.writeUInt32LE(header.length, 8);
  const file = path.join(dir, 'v2.npy');
  fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header), Buffer.from(new Int32Array([7, -7]).buffer)]));
  assert.deepEqual(readNpy(file, 'x'), { dtype: 'int32', dims: [2], data: new Int32Array([7, -7]) });
});

test('a big-endian file is refused', () => {
  const file = path.join(dir, 'be.npy');
  writeNpy(file, { dtype: 'float32', dims: [1], data: new Float32Array(1) });
  fs.writeFileSync(file, fs.readFileSync(file).toString('latin1').replace('<f4', '>f4'), 'latin1');
  assert.throws(() => readNpy(file, 'inputs.x'), {
    kind: 'io',
    message: `inputs.x: ${file}: not a valid .npy file: field 'descr' is big-endian ('>'), expected little-endian ('<')`,
  });
});
