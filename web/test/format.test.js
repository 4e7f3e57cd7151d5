// Issue 22: where there is no number the dashboard and the report show "–", never "∞" or "-∞"
// (a quantize stage's artifact, a model without bench runs), and a bench whose every rerun was
// unsteady says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fmt } from "onnxbench-web/dom.js";
import { resultText } from "onnxbench-web/view_fleet.js";

test("fmt shows text as text and a missing value as a dash", () => {
  assert.equal(fmt("3e4f09a1b2c3"), "3e4f09a1b2c3");
  assert.equal(fmt("abcdef012345"), "abcdef012345");
  assert.equal(fmt(null), "–");
  assert.equal(fmt(undefined), "–");
  assert.equal(fmt(1234.5), "1,235");
  assert.equal(fmt(0.123456), "0.123");
});

test("a stage's result: numbers, artifacts and unsteady benches", () => {
  assert.equal(resultText(241.37), "241");
  assert.equal(resultText("3e4f09a1b2c3"), "3e4f09a1b2c3");
  assert.equal(resultText(null), "");
  assert.equal(resultText({ value: 29.6, unsteady: true, cv: 0.31 }), "29.6 unsteady (cv 31 %)");
  assert.equal(resultText({ value: "3e4f09a1b2c3", random_calibration: true }),
    "3e4f09a1b2c3 (random calibration data)");
});

test("a fleet's int8 record is a precision of its submitted model, under its name", async () => {
  const { models, precisionOf } = await import("onnxbench-web/records.js");
  const float = { kind: "bench", precision: undefined,
    model: { path: "/w/input-37009a441e225d47.onnx", sha256: "aaa", name: "resnet50" } };
  const int8 = { kind: "bench", precision: "int8",
    model: { path: "/w/input-9f00.onnx", sha256: "bbb", name: "resnet50", parent_sha256: "aaa" } };
  const byModel = models({ bench: [float, int8] });
  assert.deepEqual([...byModel.keys()], ["aaa"]);
  assert.equal(byModel.get("aaa").name, "resnet50");
  assert.deepEqual(byModel.get("aaa").records.map(precisionOf), ["fp32", "int8"]);
});

test("a record resting on random calibration data says so beside its precision", async () => {
  const { precisionLabel, benchLabel } = await import("onnxbench-web/records.js");
  const int8 = { kind: "bench", precision: "int8", random_calibration: true, engine: { name: "onnxruntime" } };
  assert.equal(precisionLabel(int8), "int8 (random calibration data)");
  assert.match(benchLabel(int8), /onnxruntime · int8 \(random calibration data\) · /);
  assert.equal(precisionLabel({ kind: "bench", precision: "int8" }), "int8");
});
