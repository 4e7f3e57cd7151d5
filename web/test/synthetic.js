// Generated records for the report's scale and Pareto tests: MODELS models (834: 5,004 records) (each an fp32 and an
// int8 file), benched on two engines on two hosts, each with an accuracy record. Seeded, so every
// run writes the same records. Shapes follow what bench --json and the accuracy record hold.

function random(seed) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const sha = (n) => n.toString(16).padStart(64, "0");

function stats(next, p50) {
  const spread = 1 + next() * 0.3;
  return { count: 500, mean: p50 * 1.02, min: p50 * 0.8, p50, p75: p50 * 1.05, p90: p50 * spread,
    p95: p50 * spread * 1.05, p99: p50 * spread * 1.2, "p99.9": p50 * spread * 1.4, max: p50 * spread * 1.5,
    stdev: p50 * 0.05, cv: 0.05 };
}

export function syntheticRecords(models = 834, seed = 7) {
  const next = random(seed);
  const records = [];
  for (let m = 0; m < models; m++) {
    for (const precision of ["fp32", "int8"]) {
      const id = 2 * m + (precision === "int8" ? 1 : 0);
      const model = { path: `zoo/net-${m}.${precision}.onnx`, sha256: sha(id + 1) };
      const accuracy = 0.55 + 0.4 * next() - (precision === "int8" ? 0.02 * next() : 0);
      records.push({ kind: "accuracy", model, precision, metric: "top1", value: accuracy, dataset: "generated" });
      for (const [e, engine] of ["onnxruntime", "opencv"].entries()) {
        const p50 = 0.2 + 30 * next() ** 2 * (precision === "int8" ? 0.6 : 1);
        records.push({
          kind: "bench", model, precision, engine: { name: engine, version: "test" },
          host: { hostname: `board-${"ab"[(m + e) % 2]}`, cpu: "generated", logical_cores: 4 },
          config: { instances: 1, batch: 1, set_size: 1, engine_options: {} },
          throughput_per_s: 1000 / p50, warmup: { requests: 5, latency_ms: stats(next, p50 * 1.5) },
          measure: { requests: 500, latency_ms: stats(next, p50) }, unsteady: false,
          timestamp_utc: "2026-01-01T00:00:00Z",
        });
      }
    }
  }
  return records;
}
