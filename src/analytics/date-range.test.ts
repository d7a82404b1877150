import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { AppError } from '../http/errors.js';
import { datesOf, offsetSpans, resolveRange, weekdayOf } from './date-range.js';

describe('report ranges in the tenant time zone', () => {
  it('defaults to the 30 days ending today in the tenant zone', () => {
    // 2026-03-01 20:00 UTC is already 03-02 in Shanghai.
    const range = resolveRange({}, 'Asia/Shanghai', new Date('2026-03-01T20:00:00Z'));
    assert.equal(range.to, '2026-03-02');
    assert.equal(range.from, '2026-02-01');
    assert.equal(range.start.toISOString(), '2026-01-31T16:00:00.000Z');
    assert.equal(range.end.toISOString(), '2026-03-02T16:00:00.000Z');
    assert.equal(datesOf(range).length, 30);
  });

  it('accepts a leap year of 366 days and refuses one day more or a reversed range', () => {
    const now = new Date('2026-03-02T00:00:00Z');
    assert.equal(datesOf(resolveRange({ from: '2024-01-01', to: '2024-12-31' }, 'UTC', now)).length, 366);
    const refused = (query: { from?: string; to?: string }) => {
      try {
        resolveRange(query, 'UTC', now);
      } catch (error) {
        assert.ok(error instanceof AppError && error.code === 'validation_failed');
        return error.errors?.[0]?.field;
      }
      return 'accepted';
    };
    assert.equal(refused({ from: '2025-01-01', to: '2026-01-01' }), 'accepted', '366 days');
    assert.equal(refused({ from: '2024-12-31', to: '2026-01-01' }), 'querystring.to', '367 days');
    assert.equal(refused({ from: '2026-03-03', to: '2026-03-02' }), 'querystring.from');
    assert.equal(refused({ from: '2026-03-05' }), 'querystring.from', 'to defaults to today');
  });

  it('names weekdays from Monday = 1', () => {
    assert.equal(weekdayOf('2026-03-02'), 1);
    assert.equal(weekdayOf('2026-03-08'), 7);
  });
});

describe('UTC offsets over a range', () => {
  it('keeps one span for a zone without daylight saving', () => {
    assert.deepEqual(offsetSpans('Asia/Shanghai', new Date('2025-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')), [{ until: null, offsetMinutes: 480 }]);
  });

  it('splits at each daylight-saving change, to the second', () => {
    assert.deepEqual(offsetSpans('America/New_York', new Date('2026-01-01T05:00:00Z'), new Date('2027-01-01T05:00:00Z')), [
      { until: '2026-03-08T07:00:00.000Z', offsetMinutes: -300 },
      { until: '2026-11-01T06:00:00.000Z', offsetMinutes: -240 },
      { until: null, offsetMinutes: -300 },
    ]);
    assert.deepEqual(offsetSpans('Australia/Lord_Howe', new Date('2026-03-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z')), [
      { until: '2026-04-04T15:00:00.000Z', offsetMinutes: 660 },
      { until: null, offsetMinutes: 630 },
    ]);
  });

  it('gives every instant the offset luxon gives it', () => {
    const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'Asia/Kolkata'];
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2026, 0, 2);
    const spansOf = new Map(zones.map((zone) => [zone, offsetSpans(zone, new Date(start), new Date(end))]));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: start, max: end - 1 }), (zone, ms) => {
        const iso = new Date(ms).toISOString();
        const span = (spansOf.get(zone) ?? []).find((candidate) => candidate.until === null || iso < candidate.until);
        assert.equal(span?.offsetMinutes, DateTime.fromMillis(ms, { zone }).offset, `${zone} at ${iso}`);
      }),
      { numRuns: 2000 },
    );
  });
});
