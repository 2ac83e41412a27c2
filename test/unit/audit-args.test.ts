import { describe, expect, it } from 'vitest';
import { loadError } from '../../src/cli/audit';
import { auditUsage, parseAuditArgs, shardOf } from '../../src/cli/audit-args';
import { closest, fileProblem, UsageError } from '../../src/cli/errors';

describe('audit options', () => {
  it('defaults: text, no --fail-on, one tab, depth 0, 30 pages', () => {
    expect(parseAuditArgs(['https://a.example/'])).toMatchObject({
      targets: ['https://a.example/'],
      format: 'text',
      failOn: undefined,
      concurrency: 1,
      depth: 0,
      maxPages: 30,
      allowCrawlErrors: false,
    });
  });

  it('an unknown option is one line naming the nearest one', () => {
    expect(() => parseAuditArgs(['https://a.example/', '--concurency', '2'])).toThrow(
      new UsageError('unknown option --concurency (did you mean --concurrency?). Run cookie-lens audit --help for the options.'),
    );
    expect(() => parseAuditArgs(['https://a.example/', '--zzzzzz'])).toThrow(/^unknown option --zzzzzz\. Run cookie-lens audit --help/);
  });

  it('--shard I/N and --concurrency are checked', () => {
    expect(parseAuditArgs(['https://a.example/', '--shard', '2/3']).shard).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1', 'a/b']) expect(() => parseAuditArgs(['https://a.example/', '--shard', bad])).toThrow(/--shard must be I\/N/);
    expect(() => parseAuditArgs(['https://a.example/', '--concurrency', '0'])).toThrow(/--concurrency must be a whole number of at least 1/);
  });

  it('the usage lists every option on its own line, aligned', () => {
    const lines = auditUsage().split('\n');
    for (const line of lines.filter((l) => /^ {2}-/.test(l))) expect(line.length > 46 ? line[45] : ' ').toBe(' ');
    expect(auditUsage()).toContain('3  could not audit');
  });
});

describe('--shard', () => {
  it('splits a list deterministically into disjoint parts that cover it', () => {
    const urls = Array.from({ length: 23 }, (_, i) => `https://a.example/${i}`);
    const parts = [1, 2, 3, 4].map((index) => shardOf(urls, { index, count: 4 }));
    expect(parts.flat().sort()).toEqual([...urls].sort());
    expect(new Set(parts.flat()).size).toBe(urls.length);
    expect(parts.map((p) => p.length)).toEqual([6, 6, 6, 5]);
    expect(shardOf(urls, { index: 2, count: 4 })).toEqual(parts[1]);
  });
});

describe('load errors in words', () => {
  it.each([
    ['net::ERR_NAME_NOT_RESOLVED at https://x.example/', 'the host name does not resolve (DNS: ERR_NAME_NOT_RESOLVED)'],
    ['net::ERR_CONNECTION_REFUSED at https://x.example/', 'the connection was refused: nothing listens there (ERR_CONNECTION_REFUSED)'],
    [
      'net::ERR_CERT_AUTHORITY_INVALID at https://x.example/',
      'the TLS certificate was not accepted (ERR_CERT_AUTHORITY_INVALID); for a self-signed certificate pass --ignore-https-errors',
    ],
    ['net::ERR_TOO_MANY_REDIRECTS at https://x.example/', 'the page redirects in a loop (ERR_TOO_MANY_REDIRECTS)'],
    ['net::ERR_ABORTED at https://x.example/', 'the page could not be loaded (ERR_ABORTED)'],
    ['Navigation timeout of 5000 ms exceeded', 'the page did not finish loading within 5000 ms'],
    ['crashed: Page crashed!', 'the page crashed (crashed: Page crashed!)'],
  ])('%s', (raw, said) => {
    expect(loadError(new Error(raw), 5000)).toBe(said);
  });
});

describe('hints', () => {
  it('closest: near words only', () => {
    expect(closest('sraif', ['text', 'json', 'sarif'])).toBe('sarif');
    expect(closest('pdf', ['text', 'json', 'sarif'])).toBeUndefined();
  });
  it('file problems in words', () => {
    expect(fileProblem(Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: 'ENOENT' }))).toBe('no such file or directory');
    expect(fileProblem(new SyntaxError('Unexpected token } in JSON'))).toBe('it is not valid JSON (Unexpected token } in JSON)');
  });
});

describe('the session checks: options and the login file', () => {
  it('--idle-check and --absolute-check take seconds and need --login', () => {
    expect(parseAuditArgs(['https://a.example/', '--login', 'l.json', '--idle-check', '900', '--absolute-check', '60'])).toMatchObject({
      idleCheck: 900,
      absoluteCheck: 60,
    });
    expect(() => parseAuditArgs(['https://a.example/', '--idle-check', '60'])).toThrow(/--idle-check needs --login with a "loggedIn" probe/);
    expect(() => parseAuditArgs(['https://a.example/', '--login', 'l.json', '--absolute-check', 'soon'])).toThrow(
      /--absolute-check must be a whole number of at least 1/,
    );
  });

  it('reads { start?, steps, logout?, loggedIn? } and refuses anything else, with the reason', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { readLoginScript, probeText } = await import('../../src/cli/login');
    const dir = mkdtempSync(join(tmpdir(), 'login-'));
    const write = (name: string, data: unknown) => {
      const f = join(dir, name);
      writeFileSync(f, JSON.stringify(data));
      return f;
    };
    const steps = [{ goto: 'https://a.example/login' }];
    const ok = await readLoginScript(write('ok.json', { steps, loggedIn: { url: 'https://a.example/account', text: 'Signed in as' } }));
    expect(ok.loggedIn && probeText(ok.loggedIn)).toBe('https://a.example/account shows "Signed in as"');
    const bySelector = await readLoginScript(write('sel.json', { steps, loggedIn: { url: 'https://a.example/', selector: '#logout' } }));
    expect(bySelector.loggedIn && probeText(bySelector.loggedIn)).toBe('https://a.example/ has #logout');
    await expect(readLoginScript(write('bad1.json', { steps, loggedIn: { url: 'https://a.example/' } }))).rejects.toThrow(
      /loggedIn needs "text".*or "selector"/,
    );
    await expect(readLoginScript(write('bad2.json', { steps, loggedIn: { url: '/account', text: 'x' } }))).rejects.toThrow(
      /loggedIn\.url must be the http\(s\) address/,
    );
    await expect(readLoginScript(write('bad3.json', { steps, loggedin: {} }))).rejects.toThrow(
      /unknown property "loggedin" \(the file is \{ start\?, steps, logout\?, loggedIn\? \}\)/,
    );
  });
});

describe('--consent', () => {
  it('alone runs every phase; a phase name (or a list) runs those; a typo gets a hint; not with --login', () => {
    expect(parseAuditArgs(['https://a.example/', '--consent']).consent).toEqual(['before', 'accept', 'reject']);
    expect(parseAuditArgs(['--consent', 'https://a.example/']).consent).toEqual(['before', 'accept', 'reject']);
    expect(parseAuditArgs(['https://a.example/', '--consent', '--quiet']).consent).toEqual(['before', 'accept', 'reject']);
    expect(parseAuditArgs(['https://a.example/', '--consent', 'before']).consent).toEqual(['before']);
    expect(parseAuditArgs(['https://a.example/', '--consent', 'accept,reject']).consent).toEqual(['accept', 'reject']);
    expect(() => parseAuditArgs(['https://a.example/', '--consent', 'acept'])).toThrow(/not "acept" \(did you mean accept\?\)/);
    expect(() => parseAuditArgs(['https://a.example/', '--consent', '--login', 'l.json'])).toThrow(/--consent and --login are separate audits/);
  });
});
