// The fast Pareto front against the definition, on fixed and seeded random point sets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { paretoFront } from "onnxbench-web/pareto.js";

function byDefinition(points, minimizeX = true, maximizeY = true) {
  const ok = (p) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const gx = (a, b) => (minimizeX ? a.x - b.x : b.x - a.x); // < 0: a better on x
  const gy = (a, b) => (maximizeY ? b.y - a.y : a.y - b.y);
  const dominates = (a, b) => gx(a, b) <= 0 && gy(a, b) <= 0 && (gx(a, b) < 0 || gy(a, b) < 0);
  return points
    .map((_, i) => i)
    .filter((i) => ok(points[i]) && !points.some((q, j) => j !== i && ok(q) && dominates(q, points[i])));
}

// Park-Miller: a seeded generator, so every run draws the same points.
function random(seed) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

test("a hand-checked set: fast and accurate points stay, slower and worse ones go", () => {
  const points = [
    { x: 1, y: 0.7 }, // fastest
    { x: 2, y: 0.8 },
    { x: 2, y: 0.75 }, // same latency, less accurate: dominated
    { x: 3, y: 0.6 }, // slower and worse than 0 and 1: dominated
    { x: 5, y: 0.9 }, // most accurate
    { x: 6, y: 0.9 }, // as accurate, slower: dominated
  ];
  assert.deepEqual(paretoFront(points), [0, 1, 4]);
});

test("equal points are all on the front; non-finite points never", () => {
  const points = [{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: NaN, y: 5 }, { x: 0.5, y: Infinity }];
  assert.deepEqual(paretoFront(points), [0, 1]);
});

test("the directions can be flipped", () => {
  const points = [{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 0 }];
  assert.deepEqual(paretoFront(points, { minimizeX: false, maximizeY: false }), [2]);
  assert.deepEqual(paretoFront(points, { minimizeX: true, maximizeY: false }), [0, 2]);
});

test("matches the definition on random sets with ties", () => {
  const next = random(42);
  for (let round = 0; round < 200; round++) {
    const n = 1 + Math.floor(next() * 40);
    const points = Array.from({ length: n }, () => ({
      x: Math.round(next() * 10), // coarse values: many ties
      y: Math.round(next() * 10),
    }));
    for (const [minX, maxY] of [[true, true], [false, true], [true, false]])
      assert.deepEqual(paretoFront(points, { minimizeX: minX, maximizeY: maxY }), byDefinition(points, minX, maxY));
  }
});
