import { describe, expect, it } from 'vitest';
import { absoluteWindow, relativeWindow } from './time-window.ts';

const now = new Date('2026-12-03T12:00:00Z');
const latest = new Date('2026-12-04T12:00:00Z');

describe('list windows end at the latest accepted event time, so every read is bounded', () => {
  it('absolute: without end_time the window ends at `latest`', () => {
    expect(absoluteWindow({}, latest, now)).toEqual({ from: new Date('2026-12-02T12:00:00Z'), to: latest });
    const end = new Date('2026-12-03T00:00:00Z');
    expect(absoluteWindow({ end }, latest, now)).toEqual({ from: new Date('2026-12-02T00:00:00Z'), to: end });
  });

  it('relative: time_range and since_ms count back from now and end at `latest`', () => {
    expect(relativeWindow({ timeRange: '15m' }, latest, now)).toEqual({ from: new Date('2026-12-03T11:45:00Z'), to: latest });
    expect(relativeWindow({ sinceMs: now.getTime() - 60_000 }, latest, now)).toEqual({ from: new Date('2026-12-03T11:59:00Z'), to: latest });
  });
});
