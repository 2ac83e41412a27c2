import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../src/ui/coalesce';

describe('coalesce: one run at a time, at most one start per interval', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const counting = (ms: number) => {
    const starts: number[] = [];
    const r = coalesce(
      async () => {
        starts.push(Date.now());
        await new Promise((done) => setTimeout(done, ms));
      },
      300,
      () => Date.now(),
    );
    return { starts, r };
  };

  it('asked after a quiet spell, runs at once; asked again and again, once per interval', async () => {
    const { starts, r } = counting(10);
    const t0 = Date.now();
    r.soon();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([t0]);
    for (let i = 0; i < 100; i++) {
      r.soon();
      await vi.advanceTimersByTimeAsync(10);
    }
    // 1,000 ms of asking: the first start, then one per 300 ms.
    expect(starts.map((t) => t - t0)).toEqual([0, 300, 600, 900]);
    r.stop();
  });

  it('asked during a run, runs once more after it, never two at once', async () => {
    const { starts, r } = counting(1000);
    void r.run();
    void r.run();
    void r.run();
    await vi.advanceTimersByTimeAsync(999);
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(starts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts).toHaveLength(2);
  });

  it('stopped, runs no more', async () => {
    const { starts, r } = counting(10);
    void r.run();
    await vi.advanceTimersByTimeAsync(20);
    r.soon();
    r.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toHaveLength(1);
  });
});
