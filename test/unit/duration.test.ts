import { describe, expect, it } from 'vitest';
import { DAY, HOUR, humanDuration, relativeTime } from '../../src/core/rule-helpers';

describe('durations in words (rule messages and the details pane)', () => {
  it('picks a unit, in the singular for one', () => {
    expect([1, 45, 119, 120, 3600, 2 * HOUR, 36 * HOUR, 2 * DAY, 400 * DAY, 800 * DAY].map(humanDuration)).toEqual([
      '1 second',
      '45 seconds',
      '119 seconds',
      '2 minutes',
      '60 minutes',
      '2 hours',
      '36 hours',
      '2 days',
      '1.1 years',
      '2 years',
    ]);
  });

  it('says in which direction a moment is', () => {
    const now = Date.UTC(2026, 11, 1);
    expect(relativeTime(now + 3 * DAY * 1000, now)).toBe('in 3 days');
    expect(relativeTime(now - 5 * 60 * 1000, now)).toBe('5 minutes ago');
    expect(relativeTime(now + 30_000, now)).toBe('in 30 seconds');
  });
});
