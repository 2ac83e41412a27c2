/** A browser event with a test-only `trigger`. */
export class FakeEvent<A extends unknown[]> {
  private listeners = new Set<(...args: A) => unknown>();
  addListener(fn: (...args: A) => unknown): void {
    this.listeners.add(fn);
  }
  removeListener(fn: (...args: A) => unknown): void {
    this.listeners.delete(fn);
  }
  hasListener(fn: (...args: A) => unknown): boolean {
    return this.listeners.has(fn);
  }
  hasListeners(): boolean {
    return this.listeners.size > 0;
  }
  /** Calls every listener; returns what they returned. */
  trigger(...args: A): unknown[] {
    return [...this.listeners].map((fn) => fn(...args));
  }
  clear(): void {
    this.listeners.clear();
  }
}
