import { IANAZone } from 'luxon';

// Converting local wall-clock ranges to real instants across DST changes.
//
// "Wall time" here is a local date and time written as if it were UTC epoch milliseconds, so
// wall = instant + offset. Near one local day the offset is piecewise constant; a working
// interval is the set of instants whose wall time falls inside it. That one definition gives the
// DST behaviour we want: on a spring-forward day the skipped local times have no instants (01:00–03:00
// is one real hour in New York), and on a fall-back day the repeated local hour is counted twice.

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A stretch of time with one UTC offset: instants [from, to). */
export type Segment = { from: number; to: number; offset: number };

/** Offsets of every zone in use stay within −12h…+14h; the window allows for that and more. */
const REACH = 18 * HOUR;
/** No zone changes its offset twice within this many hours, so sampling this often finds every change. */
const SAMPLE = 12 * HOUR;

/** Offsets are sampled on a fixed grid (multiples of SAMPLE) so neighbouring days share samples; this many are kept. */
const GRID_CACHE_SIZE = 8192;

export class ZoneClock {
  private readonly zone: IANAZone;
  /** Offset at each grid instant asked so far (a zone database lookup costs microseconds). */
  private readonly gridOffsets = new Map<number, number>();
  /** Exact change instant found after each grid instant, so the search runs once per change. */
  private readonly changes = new Map<number, number>();

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
    if (!this.zone.isValid) throw new RangeError(`unknown IANA time zone: ${name}`);
  }

  /** UTC offset in ms at an instant. */
  offsetAt(instant: number): number {
    return this.zone.offset(instant) * MINUTE;
  }

  private offsetOnGrid(instant: number): number {
    let offset = this.gridOffsets.get(instant);
    if (offset === undefined) {
      offset = this.offsetAt(instant);
      if (this.gridOffsets.size >= GRID_CACHE_SIZE) {
        this.gridOffsets.clear();
        this.changes.clear();
      }
      this.gridOffsets.set(instant, offset);
    }
    return offset;
  }

  /** The offset segments covering every instant whose wall time lies in [wallFrom, wallTo). */
  segments(wallFrom: number, wallTo: number): Segment[] {
    const from = Math.floor((wallFrom - REACH) / SAMPLE) * SAMPLE;
    const to = Math.ceil((wallTo + REACH) / SAMPLE) * SAMPLE;
    const out: Segment[] = [];
    let start = from;
    let offset = this.offsetOnGrid(from);
    for (let previous = from; previous < to; previous += SAMPLE) {
      const next = this.offsetOnGrid(previous + SAMPLE);
      if (next !== offset) {
        let change = this.changes.get(previous);
        if (change === undefined) {
          change = this.findChange(previous, previous + SAMPLE, offset);
          this.changes.set(previous, change);
        }
        out.push({ from: start, to: change, offset });
        start = change;
        offset = next;
      }
    }
    out.push({ from: start, to, offset });
    return out;
  }

  /** First instant in (low, high] whose offset differs from `before`; tz transitions fall on whole seconds. */
  private findChange(low: number, high: number, before: number): number {
    let lo = Math.floor(low / 1000);
    let hi = Math.ceil(high / 1000);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid * 1000) === before) lo = mid;
      else hi = mid;
    }
    return hi * 1000;
  }
}

const clocks = new Map<string, ZoneClock>();

/** One shared clock per zone name, so every calendar in a zone reuses the sampled offsets. */
export function zoneClock(name: string): ZoneClock {
  let clock = clocks.get(name);
  if (!clock) {
    clock = new ZoneClock(name);
    if (clocks.size >= 500) clocks.clear();
    clocks.set(name, clock);
  }
  return clock;
}

/** The first instant at which the wall clock reads `wall` or later (the end of a gap if `wall` is skipped). */
export function firstInstantAt(segments: readonly Segment[], wall: number): number {
  for (const segment of segments) {
    const at = Math.max(segment.from, wall - segment.offset);
    if (at < segment.to) return at;
  }
  throw new RangeError('wall time outside the computed segments');
}

/** Appends to `out` the instant ranges [a, b) whose wall time lies in [wallFrom, wallTo). */
export function instantsOf(segments: readonly Segment[], wallFrom: number, wallTo: number, out: number[][]): void {
  for (const segment of segments) {
    const a = Math.max(segment.from, wallFrom - segment.offset);
    const b = Math.min(segment.to, wallTo - segment.offset);
    if (a < b) out.push([a, b]);
  }
}
