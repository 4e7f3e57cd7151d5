'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { RunnerClient } = require('../testlib/runner-client');

const MODEL = 'test_conv_with_strides_padding';

async function bench(runner, fields) {
  const reply = await runner.ok('bench', { inputs: runner.testInputs(MODEL), progress_ms: 1, ...fields });
  const samples = reply.events.filter((e) => e.event === 'samples');
  const of = (phase) => samples.filter((s) => s.phase === phase);
  return { reply, progress: reply.events.filter((e) => e.event === 'progress'), warmup: of('warmup'),
    measure: of('measure') };
}

function latencies(events, instance) {
  return events.filter((e) => instance === undefined || e.instance === instance)
    .flatMap((e) => e.latency_us);
}

test('bench with run.iterations completes exactly that many requests', async () => {
  const runner = new RunnerClient();
  await runner.loadTest(MODEL);
  const { reply, warmup, measure, progress } = await bench(runner,
    { warmup: { iterations: 7, ms: 0 }, run: { iterations: 5000, seconds: 0 } });
  assert.equal(reply.warmup.count, 7);
  assert.equal(reply.measure.count, 5000);
  assert.equal(latencies(warmup).length, 7);
  assert.equal(latencies(measure).length, 5000);
  assert.ok(reply.measure.wall_ms > 0);
  for (const e of [...warmup, ...measure]) {
    assert.equal(e.instance, 0);
    assert.ok(e.latency_us.length <= 4096);
    assert.equal(e.stages.queue.length, e.latency_us.length);
    assert.equal(e.stages.run.length, e.latency_us.length);
  }
  assert.deepEqual(measure.map((e) => e.latency_us.length), [4096, 904]);
  for (const phase of ['warmup', 'measure']) {
    const done = progress.filter((p) => p.phase === phase).map((p) => p.done);
    assert.deepEqual(done, [...done].sort((a, b) => a - b), `${phase} progress advances`);
    assert.equal(new Set(done).size, done.length, `${phase} progress only when done advanced`);
  }
  assert.equal(await runner.close(), 0);
});

test('bench with two instances shares the iterations and measures both', async () => {
  const runner = new RunnerClient();
  await runner.loadTest(MODEL, { intra_op_threads: 1 }, 2);
  const counted = await bench(runner, { warmup: { iterations: 3 }, run: { iterations: 300 } });
  assert.equal(counted.reply.warmup.count, 6);
  assert.equal(latencies(counted.warmup, 0).length, 3);
  assert.equal(latencies(counted.warmup, 1).length, 3);
  assert.equal(latencies(counted.measure).length, 300);

  const timed = await bench(runner, { warmup: { iterations: 1, ms: 20 }, run: { seconds: 0.3 } });
  const n0 = latencies(timed.measure, 0).length;
  const n1 = latencies(timed.measure, 1).length;
  assert.ok(n0 > 0 && n1 > 0, `samples from both instances (${n0}, ${n1})`);
  assert.equal(timed.reply.measure.count, n0 + n1);
  assert.ok(timed.reply.measure.wall_ms >= 299.999); // clock conversions round to the ns
  assert.ok(timed.reply.warmup.wall_ms >= 20);
  assert.equal(await runner.close(), 0);
});

test('set_size 2 queues requests: latency = queue + run, queued behind the previous one', async () => {
  const runner = new RunnerClient();
  await runner.loadTest(MODEL);
  const { measure } = await bench(runner, { run: { iterations: 200 }, set_size: 2 });
  const latency = latencies(measure);
  const queue = measure.flatMap((e) => e.stages.queue);
  const run = measure.flatMap((e) => e.stages.run);
  assert.equal(latency.length, 200);
  const eps = 0.002; // samples are rounded to the nanosecond
  for (let i = 0; i < latency.length; i++) {
    assert.ok(latency[i] >= run[i] - eps, `latency ${latency[i]} >= engine time ${run[i]}`);
    assert.ok(Math.abs(latency[i] - queue[i] - run[i]) <= eps);
    // Request i was submitted when request i-2 completed, so it waited for request i-1.
    if (i > 0) assert.ok(queue[i] >= run[i - 1] - eps, `queue[${i}] ${queue[i]} >= run[${i - 1}] ${run[i - 1]}`);
  }
  assert.equal(await runner.close(), 0);
});

test('bench rejects bad arguments', async () => {
  const runner = new RunnerClient();
  const inputs = runner.testInputs(MODEL);
  assert.equal((await runner.error('bench', { inputs, run: { iterations: 1 } })).kind, 'bad_request');
  await runner.loadTest(MODEL);
  const noRun = await runner.error('bench', { inputs, run: { iterations: 0, seconds: 0 } });
  assert.equal(noRun.kind, 'bad_request');
  const badSet = await runner.error('bench', { inputs, run: { iterations: 1 }, set_size: 0 });
  assert.deepEqual(badSet, { kind: 'bad_request', message: 'set_size: expected an integer >= 1' });
  assert.equal(await runner.close(), 0);
});

test('end_us: each request completes after its start, in order, within the measured wall time', async () => {
  const runner = new RunnerClient();
  await runner.loadTest(MODEL);
  const { reply, measure } = await bench(runner, { run: { iterations: 300 }, set_size: 2 });
  const latency = latencies(measure);
  const end = measure.flatMap((e) => e.end_us);
  assert.equal(end.length, latency.length);
  const eps = 0.002;
  for (let i = 0; i < end.length; i++) {
    assert.ok(end[i] - latency[i] >= -eps, `request ${i} starts at or after the common start`);
    if (i > 0) assert.ok(end[i] >= end[i - 1] - eps, `completions in order at ${i}`);
  }
  assert.ok(end[end.length - 1] <= reply.measure.wall_ms * 1e3 + eps);
  assert.equal(await runner.close(), 0);
});
