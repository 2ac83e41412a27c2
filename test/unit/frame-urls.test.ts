import { describe, expect, it } from 'vitest';
import { resourceUrlsOf } from '../../src/devtools/frame-urls';

describe('the inspected page’s frame and resource URLs', () => {
  it('Chrome: from getResources (callback or promise), http(s) only, each once', async () => {
    const resources = [
      { url: 'https://shop.example/' },
      { url: 'https://cdn.example/a.js' },
      { url: 'data:image/png;base64,AA' },
      { url: 'https://shop.example/' },
    ];
    const callback = { getResources: (cb: (r: typeof resources) => void) => void cb(resources), eval: async () => [] };
    const promise = { getResources: () => Promise.resolve(resources), eval: async () => [] };
    expect(await resourceUrlsOf(callback)).toEqual(['https://shop.example/', 'https://cdn.example/a.js']);
    expect(await resourceUrlsOf(promise)).toEqual(['https://shop.example/', 'https://cdn.example/a.js']);
  });

  it('Firefox (no getResources): asks the page through eval, and takes nothing but http(s) strings', async () => {
    const seen: string[] = [];
    const firefox = {
      eval: async (expression: string) => {
        seen.push(expression);
        return [['https://shop.example/', 'https://widget.example/embed', 'javascript:alert(1)', 42, 'https://widget.example/embed'], undefined];
      },
    };
    expect(await resourceUrlsOf(firefox)).toEqual(['https://shop.example/', 'https://widget.example/embed']);
    expect(seen[0]).toMatch(/performance\.getEntriesByType\('resource'\)/);
  });

  it('Firefox: a page that throws or answers nonsense gives no URLs, not an error', async () => {
    expect(await resourceUrlsOf({ eval: async () => Promise.reject(new Error('no')) })).toEqual([]);
    expect(await resourceUrlsOf({ eval: async () => [undefined, { isException: true, value: 'x' }] })).toEqual([]);
    expect(await resourceUrlsOf({ eval: async () => 'nope' })).toEqual([]);
  });
});
