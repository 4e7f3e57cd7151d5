// The Pareto front of points on two axes: the points no other point dominates. One point
// dominates another when it is at least as good on both axes and better on one. By default x is
// minimized (latency) and y maximized (accuracy, throughput). Points with a non-finite coordinate
// are never on the front. Equal points are all on the front (none is better than the others).
// O(n log n): sorted by x (best first, ties best y first), a point is on the front when its y
// beats every y before it.

export function paretoFront(points, { minimizeX = true, maximizeY = true } = {}) {
  const sx = minimizeX ? 1 : -1;
  const sy = maximizeY ? 1 : -1;
  const order = points
    .map((p, i) => ({ x: sx * p.x, y: sy * p.y, i }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((a, b) => a.x - b.x || b.y - a.y);
  const front = [];
  let bestY = -Infinity;
  let bestX = NaN; // the x where bestY was reached: an equal point there is on the front too
  for (const p of order) {
    if (p.y > bestY) {
      bestY = p.y;
      bestX = p.x;
      front.push(p.i);
    } else if (p.y === bestY && p.x === bestX) {
      front.push(p.i);
    }
  }
  return front.sort((a, b) => a - b);
}
