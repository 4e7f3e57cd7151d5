'use strict';
// Checks on request arguments; each failure is a bad_request naming the field.

const { RunnerError } = require('./protocol');

function bad(field, expected) {
  return new RunnerError('bad_request', `${field}: expected ${expected}`);
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value, field, fallback) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!isObject(value)) throw bad(field, 'an object');
  return value;
}

function string(value, field) {
  if (typeof value !== 'string' || value === '') throw bad(field, 'a non-empty string');
  return value;
}

function integer(value, field, { min = 0, fallback } = {}) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw bad(field, `an integer >= ${min}`);
  return value;
}

function number(value, field, { min = 0, fallback } = {}) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw bad(field, `a number >= ${min}`);
  }
  return value;
}

function stringArray(value, field) {
  if (!Array.isArray(value) || value.length === 0 || !value.every((s) => typeof s === 'string')) {
    throw bad(field, 'a non-empty array of strings');
  }
  return value;
}

module.exports = { object, string, integer, number, stringArray };
