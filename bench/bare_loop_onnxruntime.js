'use strict';
// The bare loop onnxbench's overhead is measured against: one ONNX Runtime session with the same
// session options as the runner (the runner's own knobs.js maps them), the same input, and
// nothing but `await session.run()` between two clock reads. Writes one latency in ms per line.
// usage: node bare_loop_onnxruntime.js MODEL INPUT_NAME INPUT.npy THREADS SECONDS WARMUP OUT.txt
const fs = require('node:fs');
const path = require('node:path');

const runnerDir = path.join(__dirname, '..', 'runners', 'onnxruntime');
const ort = require(path.join(runnerDir, 'node_modules', 'onnxruntime-node'));
const { sessionOptions } = require(path.join(runnerDir, 'knobs.js'));
const { readNpy } = require(path.join(runnerDir, 'npy.js'));

async function main() {
  const [model, inputName, inputPath, threads, seconds, warmup, out] = process.argv.slice(2);
  const options = sessionOptions(Number(threads) > 0 ? { intra_op_threads: Number(threads) } : {});
  const session = await ort.InferenceSession.create(model, options);
  const npy = readNpy(inputPath, 'input');
  const feeds = { [inputName]: new ort.Tensor(npy.dtype, npy.data, npy.dims) };
  for (let i = 0; i < Number(warmup); i++) await session.run(feeds);
  const samples = new Float64Array(1 << 20);
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(Math.round(Number(seconds) * 1e9));
  for (;;) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    const t1 = process.hrtime.bigint();
    samples[n++] = Number(t1 - t0) / 1e6;
    if (t1 >= end || n === samples.length) break;
  }
  fs.writeFileSync(out, Array.from(samples.subarray(0, n), (v) => v.toFixed(6)).join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`bare loop: ${e.message}\n`);
  process.exit(1);
});
