// `audit --storage-state FILE`: the file is read by core's import reader, so nothing in it is dropped quietly
// (a SameSite word or an expiry the old reader ignored made a different cookie than the file said).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors';
import { cookieParamOf, paramsOfPuppeteer, readStorageState } from '../../src/cli/storage-state';

const dir = mkdtempSync(join(tmpdir(), 'state-'));
const file = (name: string, data: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
};
const cookie = (over: Record<string, unknown>) => ({
  name: 'sid',
  value: 'abc',
  domain: 'shop.test',
  path: '/',
  expires: -1,
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  ...over,
});

describe('reading a Playwright storageState for the audit', () => {
  it('converts each cookie as puppeteer sets it: host-only by URL, domain cookies by domain, expiry, SameSite, partition', async () => {
    const state = await readStorageState(
      file('good.json', {
        cookies: [
          cookie({}),
          cookie({ name: 'pref', domain: '.shop.test', path: '/shop', expires: 1_900_000_000, httpOnly: false, secure: false, sameSite: 'Strict' }),
          cookie({ name: 'embed', domain: 'widget.test', sameSite: 'None', partitionKey: 'https://shop.test' }),
        ],
        origins: [{ origin: 'https://shop.test', localStorage: [{ name: 'cart', value: '[1,2]' }] }],
      }),
    );
    expect(state.cookies.map(cookieParamOf)).toEqual([
      { name: 'sid', value: 'abc', url: 'https://shop.test/', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
      { name: 'pref', value: 'abc', domain: '.shop.test', path: '/shop', secure: false, httpOnly: false, sameSite: 'Strict', expires: 1_900_000_000 },
      {
        name: 'embed',
        value: 'abc',
        url: 'https://widget.test/',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
        partitionKey: 'https://shop.test',
      },
    ]);
    expect(state.origins).toEqual([{ origin: 'https://shop.test', localStorage: [{ name: 'cart', value: '[1,2]' }] }]);
  });

  it('lists what it cannot use, each with its entry, instead of making another cookie of it', async () => {
    const bad = file('bad.json', {
      cookies: [cookie({ sameSite: 'Sometimes' }), cookie({ name: 'late', expires: 'tomorrow' }), cookie({ name: 'ok' }), { name: 'x' }],
    });
    const error = await readStorageState(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain(`${bad}: item 1 ("sid"): "sameSite" "Sometimes" is not no_restriction, lax, strict or unspecified`);
    expect(message).toContain('item 2 ("late"): "expirationDate" must be seconds since 1970');
    expect(message).toContain('item 4 ("x"): "value" must be a string');
    expect(message).not.toContain('item 3');
  });

  it('a file that is not a storageState, or not JSON, is bad usage naming the file', async () => {
    await expect(readStorageState(file('list.json', [cookie({})]))).rejects.toThrow(/list\.json is not a Playwright storageState/);
    await expect(readStorageState(file('broken.json', '{"cookies": ['))).rejects.toThrow(/cannot read the storage state .*broken\.json: it is not valid JSON/);
    await expect(readStorageState(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: no such file or directory/);
  });

  it('sets cookies puppeteer read back (the fixation check) as they were: session, domain and host-only', () => {
    const params = paramsOfPuppeteer([
      { name: 'a', value: '1', domain: '.shop.test', path: '/', expires: -1, size: 2, httpOnly: false, secure: true, session: true, sameSite: 'Lax' },
      { name: 'b', value: '2', domain: 'shop.test', path: '/x', expires: 1_900_000_000, size: 2, httpOnly: true, secure: false, session: false },
    ] as never);
    expect(params).toEqual([
      { name: 'a', value: '1', domain: '.shop.test', path: '/', secure: true, httpOnly: false, sameSite: 'Lax' },
      { name: 'b', value: '2', url: 'https://shop.test/x', path: '/x', secure: false, httpOnly: true, expires: 1_900_000_000 },
    ]);
  });
});
