/**
 * Runs `load` when asked, coalesced: one run at a time (asked during a run, it runs once more after), and
 * at most one start per `interval` ms — at once when the last start is longer ago, so the last change of a
 * storm shows without a wait. The report and the timeline views refresh through it.
 */
export function coalesce(load: () => Promise<void>, interval: number, now: () => number = () => performance.now()) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;
  let stopped = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  /** Runs now (or right after the run in flight). */
  const run = async (): Promise<void> => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    lastStart = now();
    try {
      await load();
    } finally {
      inFlight = false;
      if (again && !stopped) {
        again = false;
        soon();
      }
    }
  };
  /** Runs as soon as the interval since the last start allows. */
  const soon = (): void => {
    if (timer || stopped) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void run();
      },
      Math.max(0, lastStart + interval - now()),
    );
  };
  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
  };
  return { run, soon, stop };
}
