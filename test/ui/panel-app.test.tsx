import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDevtools, harEntry, mount, rowNames, withWorker, XSS_NAME, XSS_VALUE } from './setup';

type Env = Awaited<ReturnType<typeof withWorker>>;

const type = (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
};
const click = (el: Element | null | undefined) => {
  if (!el) throw new Error('nothing to click');
  (el as HTMLElement).click();
};
const buttonByText = (root: HTMLElement, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

describe('DevTools panel', () => {
  let fake: Env;
  beforeEach(async () => {
    fake = await withWorker();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
  });

  const set = (name: string, extra: Record<string, unknown> = {}) =>
    fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name, value: 'v', secure: true, sameSite: 'lax', ...extra });

  const renderPanel = async (urls: string[] = [], har = [] as ReturnType<typeof harEntry>[]) => {
    const devtools = fakeDevtools(1, urls, har);
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={devtools.api} />);
    return { root, devtools };
  };

  it('lists the cookies of the page and of its frames, with flags, badges, role and worst finding', async () => {
    await set('sid', { value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', httpOnly: true, sameSite: 'strict' });
    await fake.fakeBrowser.cookies.set({ url: 'https://cdn.example/', name: 'cdn', value: 'y', secure: true, sameSite: 'no_restriction' });
    await fake.fakeBrowser.cookies.set({ url: 'https://unrelated.example/', name: 'other', value: 'z' });
    const { root } = await renderPanel(['https://cdn.example/lib.js']);
    // The first render also loads the cookie database: allow for a loaded machine.
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sid', 'cdn']), { timeout: 5000 });
    const sid = root.querySelector('.grid-row[data-cookie="sid"]');
    expect([...(sid?.querySelectorAll('.badge') ?? [])].map((b) => b.textContent)).toEqual(['Session', 'Secure', 'HttpOnly']);
    expect(sid?.querySelector('.col-role')?.textContent).toBe('session');
    expect(sid?.querySelector('.col-sameSite')?.textContent).toBe('Strict');
    expect(root.querySelector('.grid-row[data-cookie="cdn"] .badge-third-party')).not.toBeNull();
    expect(root.querySelector('[data-testid="timeline-status"]')?.textContent).toMatch(/3 cookie events recorded/);
  });

  it('the status bar counts a change within a moment of it after a quiet spell, and follows a burst within a few hundred ms of its last', async () => {
    await set('a');
    const { root } = await renderPanel();
    const status = () => root.querySelector('[data-testid="timeline-status"]')?.textContent ?? '';
    await vi.waitFor(() => expect(status()).toMatch(/1 cookie event recorded/), { timeout: 5000 });
    // Quiet for longer than the bar's refresh interval (the open panel also hears the replay of 'a' on connecting).
    await new Promise((r) => setTimeout(r, 2100));
    await set('b');
    await vi.waitFor(() => expect(status()).toMatch(/2 cookie events recorded/), { timeout: 500, interval: 20 });
    // A burst: its first change refreshed at once (just above); the rest arrive while that refresh is the last one.
    await set('c');
    await set('d');
    await vi.waitFor(() => expect(status()).toMatch(/4 cookie events recorded/), { timeout: 700, interval: 20 });
  });

  it('shows what each cookie is for: a Purpose column, the purpose: filter, and the evidence and data source in the details', async () => {
    await set('_ga', { value: 'GA1.2.3.4' });
    await set('PHPSESSID', { value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e', httpOnly: true });
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(rowNames(root)).toHaveLength(2));
    expect(root.querySelector('.grid-row[data-cookie="_ga"] .col-purpose')?.textContent).toBe('analytics · Google Analytics');
    const box = root.querySelector<HTMLInputElement>('input.filter');
    if (!box) throw new Error('no filter box');
    type(box, 'purpose:analytics');
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['_ga']));
    click(root.querySelector('.grid-row[data-cookie="_ga"]'));
    const what = await vi.waitFor(() => {
      const el = root.querySelector('[data-testid="what-it-is"]');
      if (!el) throw new Error('no details yet');
      return el;
    });
    expect(what.textContent).toMatch(/Analytics · Google Analytics/);
    expect(what.textContent).toMatch(/Role tracking \(known\): the Open Cookie Database: Google Analytics, analytics/);
    expect(what.textContent).toMatch(/Source: the Open Cookie Database\./);
    expect(what.querySelector('a')?.textContent).toBe('Google Analytics’s privacy policy');
  });

  it('filters with the query syntax and the "only with issues" toggle', async () => {
    await set('sessionid', { value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z', secure: false });
    await set('theme', { expirationDate: Date.now() / 1000 + 86400 });
    await set('lang');
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(rowNames(root)).toHaveLength(3));
    const box = root.querySelector<HTMLInputElement>('input.filter');
    if (!box) throw new Error('no filter box');
    type(box, 'is:persistent');
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['theme']));
    type(box, '-name:theme severity:high');
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sessionid']));
    type(box, 'is:tasty');
    await vi.waitFor(() => expect(root.querySelector('.filter-errors')?.textContent).toMatch(/is:tasty is not known/));
    type(box, '');
    click(root.querySelector('.cookie-toolbar input[type="checkbox"]'));
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['sessionid']));
  });

  it('sorts by a column and keeps the selection across live updates', async () => {
    for (const n of ['b', 'c', 'a']) await set(n);
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['b', 'c', 'a']));
    click(root.querySelector('[data-column="name"]'));
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['a', 'b', 'c']));
    click(root.querySelector('[data-column="name"]'));
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['c', 'b', 'a']));
    expect(root.querySelector('[data-column="name"]')?.getAttribute('aria-sort')).toBe('descending');
    click(root.querySelector('.grid-row[data-cookie="b"]'));
    await set('d');
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['d', 'c', 'b', 'a']));
    expect(root.querySelector('.grid-row.selected')?.getAttribute('data-cookie')).toBe('b');
  });

  it('details in words a learner reads: the store by name, local dates, SameSite unset as browsers differ on it', async () => {
    const expires = Date.UTC(2030, 0, 15, 12, 30) / 1000;
    await set('pref', { sameSite: 'unspecified', expirationDate: expires });
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['pref']));
    click(root.querySelector('.grid-row[data-cookie="pref"]'));
    await vi.waitFor(() => expect(root.querySelector('.detail-name')?.textContent).toBe('pref'));
    const field = (name: string) => {
      const dt = [...root.querySelectorAll('.attributes dt')].find((d) => d.textContent === name);
      return dt?.nextElementSibling?.textContent ?? '';
    };
    expect(field('Store')).toBe('Default store');
    expect(field('SameSite')).toMatch(/Chrome and Edge treat it as Lax; Firefox and Safari send it/);
    // Local time, as in the table and the timeline (no ISO "Z" time beside local ones).
    const local = new Date(expires * 1000);
    const hhmm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    expect(field('Expires')).toContain(`2030-01-${String(local.getDate()).padStart(2, '0')} ${hhmm}`);
    expect(field('Expires')).not.toMatch(/Z\b|T\d\d:/);
    expect(root.querySelector('.grid-row[data-cookie="pref"] .col-expires')?.textContent).toBe(`2030-01-${String(local.getDate()).padStart(2, '0')} ${hhmm}`);
  });

  it('moves through rows with the arrow keys and opens details with Enter', async () => {
    for (const n of ['a', 'b', 'c']) await set(n);
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(rowNames(root)).toHaveLength(3));
    const grid = root.querySelector<HTMLElement>('[role="grid"]');
    const key = async (k: string, expected: string) => {
      grid?.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      await vi.waitFor(() => expect(root.querySelector('.grid-row.selected')?.getAttribute('data-cookie')).toBe(expected));
    };
    await key('ArrowDown', 'a');
    await key('ArrowDown', 'b');
    await key('End', 'c');
    await key('ArrowUp', 'b');
    await key('ArrowDown', 'c');
    grid?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await vi.waitFor(() => expect(root.querySelector('.detail-name')?.textContent).toBe('c'));
    expect(grid?.getAttribute('aria-activedescendant')).toBe('row-2');
    // Enter hands the focus to the details pane; a click on a row leaves it on the grid.
    await vi.waitFor(() => expect(document.activeElement?.classList.contains('detail')).toBe(true));
    grid?.focus();
    click(root.querySelector('.grid-row[data-cookie="a"]'));
    await vi.waitFor(() => expect(root.querySelector('.detail-name')?.textContent).toBe('a'));
    expect(document.activeElement).toBe(grid);
  });

  it('shows the decoded value, known secret, findings with fixes and the response that set the cookie', async () => {
    const value = 's%3Aabc123.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0';
    await set('connect.sid', { value, httpOnly: true });
    const { root } = await renderPanel([], [harEntry('https://shop.example/login', [`connect.sid=${value}; Path=/; HttpOnly; Secure; SameSite=Lax`])]);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['connect.sid']));
    click(root.querySelector('.grid-row[data-cookie="connect.sid"]'));
    await vi.waitFor(() => expect(root.querySelector('[data-testid="decoded"]')?.textContent).toMatch(/express-session signed id/));
    expect(root.querySelector('.secret-warning')?.textContent).toContain('"keyboard cat"');
    expect(root.querySelector('[data-testid="set-by"]')?.textContent).toContain('https://shop.example/login');
    expect(root.querySelector('.set-by-header')?.textContent).toContain('Set-Cookie: connect.sid=');
    const weak = root.querySelector('.finding-detail[data-rule="weak-secret"]');
    expect(weak?.textContent).toMatch(/Why it matters/);
    click([...(weak?.querySelectorAll('.fix-tablist button') ?? [])].find((b) => b.textContent === 'Express'));
    await vi.waitFor(() => expect(weak?.querySelector('.fix-code')?.textContent).toMatch(/process\.env\.SESSION_SECRET/));
  });

  it('edits a cookie in the store, deletes it, and undoes the delete', async () => {
    await set('pref', { value: 'old' });
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['pref']));
    click(root.querySelector('.grid-row[data-cookie="pref"]'));
    await vi.waitFor(() => expect(buttonByText(root, 'Edit')).toBeDefined());
    click(buttonByText(root, 'Edit'));
    const value = await vi.waitFor(() => {
      const el = root.querySelector<HTMLTextAreaElement>('textarea[name="value"]');
      if (!el) throw new Error('editor not open yet');
      return el;
    });
    if (!value) throw new Error('no editor');
    value.value = 'new';
    value.dispatchEvent(new Event('input', { bubbles: true }));
    const sameSite = root.querySelector<HTMLSelectElement>('select[name="sameSite"]');
    if (sameSite) {
      sameSite.value = 'strict';
      sameSite.dispatchEvent(new Event('change', { bubbles: true }));
    }
    // Let the editor re-render with the draft (state updates are batched), then press Save.
    await new Promise((r) => setTimeout(r, 20));
    click(root.querySelector('.editor button[type="submit"]'));
    await vi.waitFor(() => expect([...fake.fakeBrowser.cookies.jar.values()].map((c) => [c.name, c.value, c.sameSite])).toEqual([['pref', 'new', 'strict']]));
    await vi.waitFor(() => expect(root.querySelector('.grid-row[data-cookie="pref"] .col-value')?.textContent).toBe('new'));

    click(buttonByText(root, 'Delete'));
    await vi.waitFor(() => expect(fake.fakeBrowser.cookies.jar.size).toBe(0));
    await vi.waitFor(() => expect(root.querySelector('.toast')?.textContent).toMatch(/Deleted 1 cookie/));
    click(buttonByText(root, 'Undo'));
    await vi.waitFor(() => expect([...fake.fakeBrowser.cookies.jar.values()].map((c) => [c.name, c.value])).toEqual([['pref', 'new']]));
  });

  it("'Delete all of site' deletes exactly the site's cookies on every path, says how many first, and undoes", async () => {
    await set('sid', { value: 'a' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/account', name: 'acct', value: 'b', path: '/account', secure: true });
    await fake.fakeBrowser.cookies.set({ url: 'https://tracker.example/', name: 'uid', value: 't', secure: true, sameSite: 'no_restriction' });
    const { root } = await renderPanel(['https://tracker.example/pixel.gif']);
    await vi.waitFor(() => expect(rowNames(root)).toEqual(expect.arrayContaining(['sid', 'uid'])));
    // The page at / does not use the /account cookie, but it is the site's.
    expect(rowNames(root)).not.toContain('acct');
    click(buttonByText(root, 'Delete all of site'));
    await vi.waitFor(() => expect(root.querySelector('[data-testid="site-delete-summary"]')).not.toBeNull());
    expect(root.querySelector('[data-testid="site-delete-summary"]')?.textContent).toMatch(
      /^2 cookies of shop\.example — every path, partitioned ones included — will be deleted\. 1 third-party cookie the page uses is kept\./,
    );
    expect(fake.fakeBrowser.cookies.jar.size).toBe(3);
    click(buttonByText(root, 'Delete 2 cookies'));
    await vi.waitFor(() => expect([...fake.fakeBrowser.cookies.jar.values()].map((c) => c.name)).toEqual(['uid']));
    await vi.waitFor(() => expect(root.querySelector('.toast')?.textContent).toMatch(/Deleted 2 cookies of shop\.example/));
    click(buttonByText(root, 'Undo'));
    await vi.waitFor(() => expect([...fake.fakeBrowser.cookies.jar.values()].map((c) => c.name).sort()).toEqual(['acct', 'sid', 'uid']));
  });

  it('refuses an edit the browser would reject, with the reason, before sending it', async () => {
    await set('pref');
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['pref']));
    click(buttonByText(root, 'Add'));
    const name = await vi.waitFor(() => {
      const el = root.querySelector<HTMLInputElement>('input[name="name"]');
      if (!el) throw new Error('editor not open yet');
      return el;
    });
    if (!name) throw new Error('no editor');
    type(name, '__Host-x');
    const path = root.querySelector<HTMLInputElement>('input[name="path"]');
    if (path) type(path, '/admin');
    await vi.waitFor(() => expect(root.querySelector('.editor .error')?.textContent).toMatch(/__Host- cookies must have no Domain attribute and Path=\//));
    expect(root.querySelector<HTMLButtonElement>('.editor button[type="submit"]')?.disabled).toBe(true);
  });

  it('imports nothing from a file with a bad line, and says which line', async () => {
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(root.querySelector('input.filter')).not.toBeNull());
    const file = new File([['.shop.example\tTRUE\t/\tTRUE\t0\tgood\t1', 'broken'].join('\n')], 'cookies.txt');
    const input = root.querySelector<HTMLInputElement>('input[type="file"]');
    Object.defineProperty(input, 'files', { value: [file] });
    input?.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(root.querySelector('.import-errors')?.textContent).toBe('line 2: expected 7 tab-separated fields, found 1.'));
    expect(buttonByText(root, 'Import')).toBeUndefined();
    expect(fake.fakeBrowser.cookies.jar.size).toBe(0);
  });

  const pickFile = (root: HTMLElement, file: File) => {
    const input = root.querySelector<HTMLInputElement>('input[type="file"]');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input?.dispatchEvent(new Event('change', { bubbles: true }));
  };

  it('a 4 MB file of 2 million bad lines answers in seconds with 100 problems listed and the rest counted', async () => {
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(root.querySelector('input.filter')).not.toBeNull());
    const started = performance.now();
    pickFile(root, new File(['x\ty\n'.repeat(2_000_000)], 'bad.txt'));
    await vi.waitFor(() => expect(root.querySelector('.import-errors')).not.toBeNull(), { timeout: 10_000 });
    expect(performance.now() - started).toBeLessThan(8000);
    expect(root.querySelectorAll('.import-errors li')).toHaveLength(101);
    expect(root.querySelector('.import-errors li:last-child')?.textContent).toBe('… and 1,999,900 more');
    expect(root.querySelector('.import-dialog .error')?.textContent).toBe('Nothing will be imported: fix 2000000 problems first.');
  });

  it("checks every imported cookie against the storage model before offering Import, with the editor's words", async () => {
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(root.querySelector('input.filter')).not.toBeNull());
    const file = JSON.stringify([
      { name: 'ok', value: '1', domain: 'shop.example', secure: true },
      { name: '', value: '', domain: 'shop.example' },
      { name: '__Host-x', value: '1', domain: 'shop.example', path: '/x', secure: true },
      { name: 'big', value: 'a\r\nb', domain: 'shop.example' },
    ]);
    pickFile(root, new File([file], 'cookies.json'));
    await vi.waitFor(() => expect(root.querySelectorAll('.import-errors li')).toHaveLength(3));
    expect([...root.querySelectorAll('.import-errors li')].map((li) => li.textContent)).toEqual([
      '2. "(nameless)" (shop.example/): A cookie needs a name or a value.',
      '3. "__Host-x" (shop.example/x): __Host- cookies must have no Domain attribute and Path=/.',
      '4. "big" (shop.example/): The value contains ";" or a control character (a line break, say), which a cookie value cannot hold. Encode it (base64 or percent-encoding).',
    ]);
    expect(buttonByText(root, 'Import')).toBeUndefined();
    expect(fake.fakeBrowser.cookies.jar.size).toBe(0);
  });

  it('imports a good file, then says exactly how many cookies are in the store', async () => {
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(root.querySelector('input.filter')).not.toBeNull());
    pickFile(root, new File(['shop.example\tFALSE\t/\tTRUE\t0\ta\t1\nshop.example\tFALSE\t/\tTRUE\t0\tempty\t\n'], 'cookies.txt'));
    await vi.waitFor(() => expect(buttonByText(root, 'Import')).toBeDefined());
    click(buttonByText(root, 'Import'));
    await vi.waitFor(() => expect(root.querySelector('.toast')?.textContent).toMatch(/^Imported 2 cookies\./));
    expect([...fake.fakeBrowser.cookies.jar.values()].map((c) => [c.name, c.value])).toEqual([
      ['a', '1'],
      ['empty', ''],
    ]);
  });

  it('lists Set-Cookie headers with the rejected ones and why', async () => {
    await set('ok');
    const { root } = await renderPanel(
      [],
      [harEntry('https://shop.example/', ['ok=v; Secure', 'bad=1; SameSite=None', '__Host-x=1; Secure; Domain=shop.example; Path=/'])],
    );
    await vi.waitFor(() => expect(rowNames(root)).toEqual(['ok']));
    click(root.querySelector('[role="tab"]:nth-child(3)'));
    await vi.waitFor(() => expect(root.querySelectorAll('.network-table tbody tr')).toHaveLength(3));
    const rows = [...root.querySelectorAll('.network-table tbody tr')].map((tr) => [
      tr.getAttribute('data-status'),
      tr.querySelector('.reason-cell')?.textContent,
    ]);
    expect(rows).toEqual([
      ['stored', ''],
      ['rejected', 'SameSite=None requires the Secure attribute.'],
      ['rejected', '__Host- cookies must have no Domain attribute and Path=/.'],
    ]);
  });

  it('shows the change timeline with old → new values, including changes from before it opened', async () => {
    await set('cart', { value: 'items=1' });
    await set('cart', { value: 'items=2' });
    const { root } = await renderPanel();
    click(root.querySelector('[role="tab"]:nth-child(2)'));
    await vi.waitFor(() => expect(root.querySelector('.timeline-table tr[data-kind="overwritten"]')).not.toBeNull());
    const row = root.querySelector('.timeline-table tr[data-kind="overwritten"]');
    // Short values whole, old → new: a character diff of "items=1" → "items=2" reads as "items=~~1~~2".
    expect(row?.querySelector('del')?.textContent).toBe('items=1');
    expect(row?.querySelector('ins')?.textContent).toBe('items=2');
    await set('cart', { value: 'items=3' });
    await vi.waitFor(() => expect(root.querySelectorAll('.timeline-table tr[data-kind="overwritten"]')).toHaveLength(2));
    // Long values keep the character diff, so the changed middle of a 60-character value stands out.
    await set('prefs', { value: `${'a'.repeat(30)}-old-${'z'.repeat(30)}` });
    await set('prefs', { value: `${'a'.repeat(30)}-new-${'z'.repeat(30)}` });
    await vi.waitFor(() => expect(root.querySelector('.timeline-table tr[data-kind="overwritten"][data-cookie="prefs"] del')?.textContent).toBe('old'));
  });

  it('"Restore this value" writes a removed or overwritten cookie back exactly, and Undo puts back what was there', async () => {
    await set('sid', { value: 'logged-in', httpOnly: true, sameSite: 'strict', expirationDate: Math.floor(Date.now() / 1000) + 3600 });
    await fake.fakeBrowser.cookies.remove({ url: 'https://shop.example/', name: 'sid' });
    await set('pref', { value: 'old' });
    await set('pref', { value: 'new' });
    const { root } = await renderPanel();
    click(root.querySelector('[role="tab"]:nth-child(2)'));
    const jar = () => Object.fromEntries([...fake.fakeBrowser.cookies.jar.values()].map((c) => [c.name, c]));
    const restoreOf = (kind: string, name: string) =>
      vi.waitFor(() => {
        const b = root.querySelector(`.timeline-table tr[data-kind="${kind}"][data-cookie="${name}"] [data-testid="restore"]`);
        if (!b) throw new Error(`no restore button for ${kind} ${name}`);
        return b;
      });
    click(await restoreOf('removed', 'sid'));
    await vi.waitFor(() => expect(jar().sid).toMatchObject({ value: 'logged-in', httpOnly: true, sameSite: 'strict', secure: true }));
    expect(root.querySelector('.toast')?.textContent).toMatch(/Restored "sid" to its value of .*Reload the page to see what the server says\./);
    click(buttonByText(root, 'Undo'));
    await vi.waitFor(() => expect(jar().sid).toBeUndefined());
    click(await restoreOf('overwritten', 'pref'));
    await vi.waitFor(() => expect(jar().pref?.value).toBe('old'));
    click(buttonByText(root, 'Undo'));
    await vi.waitFor(() => expect(jar().pref?.value).toBe('new'));
  });

  it('the timeline hides a noisy cookie with -name and folds repeated identical changes into one row with a count', async () => {
    // The start of a minute an hour from now: the five expiries are shown as one "extended to HH:MM".
    const expires = Math.floor(Date.now() / 60_000) * 60 + 3600;
    await set('ticker', { value: '1' });
    for (let i = 0; i < 5; i++) await set('keepalive', { value: 'same', expirationDate: expires + i });
    await set('ticker', { value: '2' });
    const { root } = await renderPanel();
    click(root.querySelector('[role="tab"]:nth-child(2)'));
    const names = () => [...root.querySelectorAll('.timeline-table tbody tr')].map((tr) => tr.getAttribute('data-cookie'));
    await vi.waitFor(() => expect(names()).toContain('keepalive'));
    // 5 sets of keepalive: created, then 4 times the same value with the expiry extended within the same minute.
    const repeat = root.querySelector('[data-testid="repeat-count"]');
    expect(repeat?.textContent).toBe('×4');
    expect(names().filter((n) => n === 'keepalive')).toHaveLength(2);
    click(repeat);
    await vi.waitFor(() => expect(names().filter((n) => n === 'keepalive')).toHaveLength(5));
    type(root.querySelector('.timeline input[type="search"]') as HTMLInputElement, '-ticker');
    await vi.waitFor(() => expect(names().every((n) => n === 'keepalive')).toBe(true));
    type(root.querySelector('.timeline input[type="search"]') as HTMLInputElement, 'tick*');
    await vi.waitFor(() => expect(names()).toEqual(['ticker', 'ticker']));
  });

  it('states the real retention and the dropped entries (a timeline stored by 0.1, migrated)', async () => {
    fake = await withWorker((f) => f.fakeBrowser.storage.local.data.set('timeline.meta', { version: 1, nextSeq: 12_000, dropped: 2_000, chunks: [] }));
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const { root } = await renderPanel();
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="timeline-status"]')?.textContent).toMatch(
        /^Timeline: 12,000 cookie events recorded · keeps the last 10,000 or 7\.0 MB \(now 0, 0 B\) · 2,000 older events dropped$/,
      ),
    );
  });

  it('renders hostile names and values as text, in the table and the details', async () => {
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: XSS_NAME, value: XSS_VALUE });
    const { root } = await renderPanel();
    await vi.waitFor(() => expect(root.querySelectorAll('.grid-row')).toHaveLength(1));
    expect(root.querySelector('.col-name')?.textContent).toBe(XSS_NAME);
    expect(root.querySelector('.col-value')?.textContent).toBe(XSS_VALUE);
    click(root.querySelector('.grid-row'));
    await vi.waitFor(() => expect(root.querySelector('[data-testid="raw-value"]')?.textContent).toBe(XSS_VALUE));
    expect(root.querySelector('img, script')).toBeNull();
    expect((globalThis as { __xss?: number }).__xss).toBeUndefined();
  });
});

describe('DevTools theme', () => {
  it('follows DevTools: dark when devtools.panels.themeName is "dark"', async () => {
    const fake = await withWorker();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const devtools = fakeDevtools(1);
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    mount(<PanelApp api={{ ...devtools.api, themeName: 'dark' }} />);
    await vi.waitFor(() => expect(document.documentElement.classList.contains('theme-dark')).toBe(true));
    mount(<PanelApp api={{ ...devtools.api, themeName: 'default' }} />);
    await vi.waitFor(() => expect(document.documentElement.classList.contains('theme-dark')).toBe(false));
  });
  it('follows a switch of DevTools’ theme while the panel is open', async () => {
    const fake = await withWorker();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const devtools = fakeDevtools(1);
    let notify: ((name: string) => void) | undefined;
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    mount(
      <PanelApp
        api={{
          ...devtools.api,
          themeName: 'default',
          onThemeChanged: (fn) => {
            notify = fn;
            return () => undefined;
          },
        }}
      />,
    );
    await vi.waitFor(() => expect(notify).toBeDefined());
    expect(document.documentElement.classList.contains('theme-dark')).toBe(false);
    notify?.('dark');
    await vi.waitFor(() => expect(document.documentElement.classList.contains('theme-dark')).toBe(true));
  });
});

describe('policy in the extension', () => {
  it('a saved policy shows pass/fail per cookie, the violations, and the popup status', async () => {
    const fake = await withWorker();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'sessionid',
      value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z',
      secure: false,
      sameSite: 'lax',
    });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'theme', value: 'dark', secure: true, sameSite: 'lax' });
    const devtools = fakeDevtools(1);
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={devtools.api} />);
    await vi.waitFor(() => expect(root.querySelectorAll('.grid-row')).toHaveLength(2));
    (root.querySelector('[data-view="policy"]') as HTMLElement).click();
    const area = await vi.waitFor(() => {
      const el = root.querySelector<HTMLTextAreaElement>('textarea.policy-text');
      if (!el) throw new Error('policy view not open');
      return el;
    });
    area.value = JSON.stringify({
      version: 1,
      cookies: [{ name: 'sess*', secure: true, httpOnly: true, reason: 'OWASP' }],
      rules: { 'default-session-name': 'ignore' },
    });
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    ([...root.querySelectorAll('button')].find((b) => b.textContent === 'Save policy') as HTMLElement).click();
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="violations"]')?.textContent).toMatch(/"sessionid" must be Secure\..*"sessionid" must be HttpOnly\./s),
    );
    (root.querySelector('[data-view="cookies"]') as HTMLElement).click();
    await vi.waitFor(() => expect(root.querySelector('.grid-row[data-cookie="sessionid"] .col-policy')?.textContent).toBe('fail'));
    expect(root.querySelector('.grid-row[data-cookie="theme"] .col-policy')?.textContent).toBe('');
    // The ignored rule is gone from the findings.
    (root.querySelector('.grid-row[data-cookie="sessionid"]') as HTMLElement).click();
    await vi.waitFor(() => expect(root.querySelector('[data-testid="policy-violations"]')).not.toBeNull());
    expect(root.querySelector('.finding-detail[data-rule="default-session-name"]')).toBeNull();

    const { PopupApp } = await import('../../src/ui/popup/popup-app');
    const popup = mount(<PopupApp tabId={1} />);
    await vi.waitFor(() => expect(popup.querySelector('[data-testid="policy-status"] summary')?.textContent).toMatch(/Policy: 2 problems/));
  });

  it('refuses to save an invalid policy and lists why', async () => {
    const fake = await withWorker();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const devtools = fakeDevtools(1);
    const { PanelApp } = await import('../../src/ui/panel/panel-app');
    const root = mount(<PanelApp api={devtools.api} />);
    await vi.waitFor(() => expect(root.querySelector('[data-view="policy"]')).not.toBeNull());
    (root.querySelector('[data-view="policy"]') as HTMLElement).click();
    const area = await vi.waitFor(() => {
      const el = root.querySelector<HTMLTextAreaElement>('textarea.policy-text');
      if (!el) throw new Error('policy view not open');
      return el;
    });
    area.value = '{"version": 1, "rules": {"made-up": "error"}}';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    ([...root.querySelectorAll('button')].find((b) => b.textContent === 'Save policy') as HTMLElement).click();
    await vi.waitFor(() => expect(root.querySelector('.import-errors')?.textContent).toContain('"made-up" is not a Cookie Lens rule id'));
    expect(fake.fakeBrowser.storage.local.data.has('policy')).toBe(false);
  });
});

describe('status bar words', () => {
  it('counts in the singular and plural: "1 cookie event recorded", "2 older events dropped"', async () => {
    const { retentionText } = await import('../../src/ui/timeline-status');
    const retention = { maxEntries: 10_000, maxBytes: 7_340_032, entries: 1, bytes: 100 };
    expect(retentionText({ nextSeq: 1, dropped: 0, lost: 0, pending: 0, retention } as never)).toMatch(/^1 cookie event recorded · /);
    expect(retentionText({ nextSeq: 3, dropped: 1, lost: 0, pending: 0, retention } as never)).toMatch(
      /^3 cookie events recorded · .* · 1 older event dropped$/,
    );
    // Queued changes are recorded (the Timeline lists them), and said to be not yet written.
    expect(retentionText({ nextSeq: 3, dropped: 0, lost: 0, pending: 2, retention } as never)).toMatch(
      /^5 cookie events recorded · .* · 2 of them not yet written to storage$/,
    );
  });
  it('says how much the timeline holds in a unit that shows it: bytes, KB, MB (never "0.00 MB" for a few entries)', async () => {
    const { retentionText } = await import('../../src/ui/timeline-status');
    const held = (bytes: number) =>
      retentionText({ nextSeq: 15, dropped: 0, lost: 0, pending: 0, retention: { maxEntries: 10_000, maxBytes: 7_340_032, entries: 15, bytes } } as never);
    expect(held(800)).toContain('keeps the last 10,000 or 7.0 MB (now 15, 800 B)');
    expect(held(1_600)).toContain('(now 15, 2 KB)');
    expect(held(2_990_000)).toContain('(now 15, 2.9 MB)');
  });
});
