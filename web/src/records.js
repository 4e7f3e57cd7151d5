// What the views know about records: grouping by model, labels, and the points of the accuracy
// (or throughput) against latency plot. Values come from the records as written; nothing here
// computes a statistic of samples.

export function basename(path) {
  return String(path ?? "").split(/[\\/]/).pop();
}

// Every record gets an id (its index) the URLs use.
export function indexRecords(records) {
  const byKind = {};
  records.forEach((r, i) => {
    r.id = i;
    (byKind[r.kind] ??= []).push(r);
  });
  return byKind;
}

// A record's own precision when it carries one, else what the model's file name says (the
// quantize and transform commands name their outputs *.int8.onnx, *.fp16.onnx).
export function precisionOf(r) {
  if (r.precision) return r.precision;
  const name = basename(r.model?.path).toLowerCase();
  if (/int8|qdq|uint8|quant/.test(name)) return "int8";
  if (/fp16|half/.test(name)) return "fp16";
  return "fp32";
}

// The precision as shown: a record resting on a model quantized with random calibration data (a
// fleet's calibration=random:N) says so wherever it appears.
export function precisionLabel(r) {
  return precisionOf(r) + (r.random_calibration ? " (random calibration data)" : "");
}

export function deviceOf(r) {
  return r.device ?? r.host?.hostname ?? "";
}

export function configLabel(r) {
  const c = r.config ?? {};
  const parts = [`${c.instances ?? 1} inst`, `batch ${c.batch ?? 1}`, `set ${c.set_size ?? 1}`];
  for (const [k, v] of Object.entries(c.engine_options ?? {})) parts.push(`${k}=${v}`);
  return parts.join(", ");
}

// One line per bench record that tells it apart from the others of its model.
export function benchLabel(r) {
  return `${r.engine?.name ?? "?"} · ${precisionLabel(r)} · ${configLabel(r)}`;
}

// A record's model as users named it: the name it was submitted under (a fleet's records carry
// it), else the file's name.
export function modelName(model) {
  return model?.name ?? basename(model?.path);
}

// The model a record belongs to: the parent of a fleet's artifact (int8), else its own sha256.
export function modelKey(r) {
  return r.model?.parent_sha256 ?? r.model?.sha256;
}

// Models by sha256, with every record that names them. A fleet's record of an artifact made from
// a submitted model (its int8 model) counts as a precision of that parent model.
export function models(byKind) {
  const out = new Map();
  const add = (sha, name, path, r) => {
    if (!sha) return;
    if (!out.has(sha)) out.set(sha, { sha256: sha, path, name, records: [] });
    const m = out.get(sha);
    if (!m.name && name) m.name = name;
    m.records.push(r);
  };
  for (const kind of ["bench", "profile", "sensitivity", "accuracy"])
    for (const r of byKind[kind] ?? [])
      add(modelKey(r), modelName(r.model), r.model.path, r);
  for (const r of byKind.compare ?? []) {
    add(r.reference?.sha256, modelName(r.reference), r.reference?.path, r);
    add(r.candidate?.sha256, modelName(r.candidate), r.candidate?.path, r);
  }
  return out;
}

// The accuracy of a bench record's run: the accuracy record of the same model and engine, else
// of the same model on any engine (accuracy measured once stands for every engine).
export function accuracyFor(bench, accuracyRecords) {
  const same = accuracyRecords.filter((a) => modelKey(a) === modelKey(bench) && precisionOf(a) === precisionOf(bench));
  return same.find((a) => a.engine?.name === bench.engine?.name) ?? same.find((a) => !a.engine?.name) ?? same[0];
}

// One point per bench record: x the latency percentile, y accuracy (when any accuracy record
// exists) or throughput.
export function tradeoffPoints(byKind, percentile = "p50") {
  const accuracy = byKind.accuracy ?? [];
  const useAccuracy = accuracy.length > 0;
  const points = [];
  for (const r of byKind.bench ?? []) {
    const acc = useAccuracy ? accuracyFor(r, accuracy) : undefined;
    if (useAccuracy && !acc) continue;
    points.push({
      record: r,
      x: r.measure.latency_ms?.[percentile],
      y: useAccuracy ? acc.value : r.throughput_per_s,
      engine: r.engine?.name ?? "",
      precision: precisionLabel(r),
      device: deviceOf(r),
      model: modelName(r.model),
    });
  }
  return {
    points,
    yName: useAccuracy ? `accuracy (${accuracy[0].metric})` : "throughput (inferences/s)",
    useAccuracy,
  };
}
