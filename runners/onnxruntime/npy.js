'use strict';
// .npy (NumPy format) reading and writing, byte-compatible with src/core/npy.cpp.
// A tensor here is {dtype, dims, data}: data is the typed array onnxruntime-node uses for the dtype.

const fs = require('node:fs');
const { RunnerError } = require('./protocol');

// dtype name (as in the protocol and ORT) -> npy type code and typed array.
// float16 travels as raw bits in a Uint16Array, bool as one byte per element: as ORT expects.
const DTYPES = {
  float32: { code: 'f4', Array: Float32Array },
  float16: { code: 'f2', Array: Uint16Array },
  float64: { code: 'f8', Array: Float64Array },
  int8: { code: 'i1', Array: Int8Array },
  uint8: { code: 'u1', Array: Uint8Array },
  int16: { code: 'i2', Array: Int16Array },
  uint16: { code: 'u2', Array: Uint16Array },
  int32: { code: 'i4', Array: Int32Array },
  uint32: { code: 'u4', Array: Uint32Array },
  int64: { code: 'i8', Array: BigInt64Array },
  uint64: { code: 'u8', Array: BigUint64Array },
  bool: { code: 'b1', Array: Uint8Array },
};
const BY_CODE = Object.fromEntries(Object.entries(DTYPES).map(([name, d]) => [d.code, name]));
const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

function itemSize(dtype) {
  return DTYPES[dtype].Array.BYTES_PER_ELEMENT;
}

function elementCount(dims) {
  return dims.reduce((n, d) => n * d, 1);
}

function parseDescr(header, fail) {
  const m = /'descr'\s*:\s*'([<>|=])([a-z])(\d+)'/.exec(header);
  if (!m) fail("header field 'descr' missing or not a string");
  const dtype = BY_CODE[m[2] + m[3]];
  if (!dtype) {
    fail(`field 'descr' is '${m[1]}${m[2]}${m[3]}', expected a number or bool type ` +
      '(f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1)');
  }
  if (m[1] === '>' && itemSize(dtype) > 1) {
    fail("field 'descr' is big-endian ('>'), expected little-endian ('<')");
  }
  return dtype;
}

function parseShape(header, fail) {
  const m = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!m) fail("header field 'shape' missing or not a tuple");
  const parts = m[1].split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!parts.every((s) => /^\d+$/.test(s))) fail(`field 'shape' is (${m[1]}), expected integers`);
  return parts.map(Number);
}

// Reads a .npy file; `field` names the request field that pointed at it (for error messages).
function readNpy(path, field) {
  let bytes;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    throw new RunnerError('io', `${field}: cannot read ${path}: ${e.code || e.message}`);
  }
  const fail = (what) => {
    throw new RunnerError('io', `${field}: ${path}: not a valid .npy file: ${what}`);
  };
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) {
    fail('magic string \\x93NUMPY missing at the start');
  }
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`format version ${major} unknown`);
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart) fail('truncated header');
  const headerLen = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  if (bytes.length < headerStart + headerLen) fail('truncated header');
  const header = bytes.toString('latin1', headerStart, headerStart + headerLen);
  if (/'fortran_order'\s*:\s*True/.test(header)) {
    fail("field 'fortran_order' is True, expected C order (False)");
  }
  const dtype = parseDescr(header, fail);
  const dims = parseShape(header, fail);
  const dataStart = headerStart + headerLen;
  const need = elementCount(dims) * itemSize(dtype);
  if (bytes.length - dataStart !== need) {
    fail(`data is ${bytes.length - dataStart} bytes, shape (${dims.join(', ')}) of ${dtype} ` +
      `needs ${need}`);
  }
  // Copy into a fresh, aligned buffer: the file's bytes may start at any offset.
  const data = new DTYPES[dtype].Array(need / itemSize(dtype));
  new Uint8Array(data.buffer).set(bytes.subarray(dataStart));
  return { dtype, dims, data };
}

// The header NumPy would write: Python dict syntax, padded with spaces and '\n' so that the data
// starts on a 64-byte boundary.
function npyHeader(dtype, dims) {
  const order = itemSize(dtype) === 1 ? '|' : '<';
  const shape = dims.length === 1 ? `${dims[0]},` : dims.join(', ');
  let header = `{'descr': '${order}${DTYPES[dtype].code}', 'fortran_order': False, ` +
    `'shape': (${shape}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  MAGIC.copy(prefix);
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1')]);
}

function writeNpy(path, { dtype, dims, data }) {
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  try {
    fs.writeFileSync(path, Buffer.concat([npyHeader(dtype, dims), body]));
  } catch (e) {
    throw new RunnerError('io', `cannot write ${path}: ${e.code || e.message}`);
  }
}

module.exports = { DTYPES, readNpy, writeNpy };
