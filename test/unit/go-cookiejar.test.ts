// Go's cookie jar tests (many of them Go's ports of Chromium's cookie_store_unittest.h), run on the jar
// model exactly as Go runs them. test/fixtures/go-cookiejar/README.md lists what differs and why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../src/core/jar';

type JarTest = [description: string, fromUrl: string, setCookies: string[], content: string, queries: [string, string][]];
const { groups } = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/go-cookiejar/jar-tests.json'), 'utf8')) as {
  groups: { name: string; sameJar: boolean; tests: JarTest[] }[];
};

const T_NOW = Date.UTC(2013, 0, 1, 12, 0, 0);
/** Go's expiresIn(delta): an Expires attribute delta seconds from tNow, in time.RFC1123. */
const expires = (header: string) =>
  header.replace(/expires=@([+-]\d+)/, (_, delta: string) => `expires=${new Date(T_NOW + Number(delta) * 1000).toUTCString().replace('GMT', 'UTC')}`);

function run(jar: CookieJar, [, fromUrl, setCookies, content, queries]: JarTest): void {
  let now = T_NOW;
  for (const h of setCookies) jar.setCookie(expires(h), fromUrl, now);
  now += 1001;
  const held = jar
    .all()
    .filter((c) => c.expirationDate === undefined || c.expirationDate * 1000 > now)
    .map((c) => `${c.name}=${c.value}`)
    .sort();
  expect(held.join(' '), 'content').toBe(content);
  for (const [i, [toUrl, want]] of queries.entries()) {
    now += 1001;
    expect(
      jar
        .cookiesFor(toUrl, now)
        .map((c) => `${c.name}=${c.value}`)
        .join(' '),
      `query ${i}: ${toUrl}`,
    ).toBe(want);
  }
}

describe("Go's cookie jar tests", () => {
  it('has the 67 tests of the fixture', () => {
    expect(groups.flatMap((g) => g.tests)).toHaveLength(67);
  });
  for (const group of groups) {
    describe(group.name, () => {
      const shared = new CookieJar();
      for (const test of group.tests) it(test[0], () => run(group.sameJar ? shared : new CookieJar(), test));
    });
  }
});
