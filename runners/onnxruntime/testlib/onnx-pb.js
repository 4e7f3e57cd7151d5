'use strict';
// Minimal protobuf reading of ONNX files for the tests: TensorProto .pb files (ONNX's conformance
// test data, stored as raw_data) and the op types of a model's nodes.

const fs = require('node:fs');
const { DTYPES } = require('../npy');

// onnx.TensorProto.DataType -> dtype name
const ONNX_TYPES = { 1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32',
  7: 'int64', 9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64' };

function readVarint(buf, pos) {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[pos.at++];
    value |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return value;
    shift += 7n;
  }
}

// The fields of one protobuf message: {field, value}, value a BigInt (varint) or a Buffer
// (length-delimited); fixed-size fields are skipped.
function* fields(buf) {
  const pos = { at: 0 };
  while (pos.at < buf.length) {
    const key = Number(readVarint(buf, pos));
    const wire = key & 7;
    if (wire === 0) {
      yield { field: key >> 3, value: readVarint(buf, pos) };
    } else if (wire === 2) {
      const len = Number(readVarint(buf, pos));
      yield { field: key >> 3, value: buf.subarray(pos.at, pos.at + len) };
      pos.at += len;
    } else if (wire === 1 || wire === 5) {
      pos.at += wire === 1 ? 8 : 4;
    } else {
      throw new Error(`unexpected protobuf wire type ${wire}`);
    }
  }
}

// A TensorProto file as {name, dtype, dims, data}, data in the typed array npy.js uses.
function readTensorPb(file) {
  const t = { name: '', dims: [], type: 0, raw: null };
  for (const { field, value } of fields(fs.readFileSync(file))) {
    if (field === 1 && typeof value === 'bigint') t.dims.push(Number(value));
    if (field === 1 && Buffer.isBuffer(value)) { // packed dims
      const pos = { at: 0 };
      while (pos.at < value.length) t.dims.push(Number(readVarint(value, pos)));
    }
    if (field === 2) t.type = Number(value);
    if (field === 8) t.name = value.toString('utf8');
    if (field === 9) t.raw = value;
  }
  const dtype = ONNX_TYPES[t.type];
  if (!dtype || !t.raw) throw new Error(`${file}: only raw_data tensors of numeric types are supported`);
  const data = new DTYPES[dtype].Array(t.raw.length / DTYPES[dtype].Array.BYTES_PER_ELEMENT);
  new Uint8Array(data.buffer).set(t.raw);
  return { name: t.name, dtype, dims: t.dims, data };
}

// op_type of each node of the model's main graph (ModelProto.graph = 7, GraphProto.node = 1,
// NodeProto.op_type = 4), in the file's order.
function modelOpTypes(file) {
  const only = (buf, number) => [...fields(buf)].filter((f) => f.field === number).map((f) => f.value);
  const [graph] = only(fs.readFileSync(file), 7);
  return only(graph, 1).map((node) => only(node, 4)[0].toString('utf8'));
}

module.exports = { readTensorPb, modelOpTypes };
