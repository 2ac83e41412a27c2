import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, withWorker, XSS_NAME, XSS_VALUE } from './setup';

describe('popup', () => {
  let fake: Awaited<ReturnType<typeof withWorker>>;
  beforeEach(async () => {
    fake = await withWorker();
  });

  const renderPopup = async (tabId: number | undefined) => {
    const { PopupApp } = await import('../../src/ui/popup/popup-app');
    return mount(<PopupApp tabId={tabId} />);
  };

  it('shows the site, grade, counts by type and findings worst first with a one-line explanation', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/account' });
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'PHPSESSID',
      value: 'k2j3h4g5f6d7s8a9q1w2e3r4t5',
      httpOnly: false,
      sameSite: 'lax',
    });
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'lang',
      value: 'en',
      secure: true,
      sameSite: 'lax',
      expirationDate: Date.now() / 1000 + 30 * 86400,
    });
    const root = await renderPopup(1);
    await vi.waitFor(() => expect(root.querySelector('.finding')).not.toBeNull());
    expect(root.querySelector('.site')?.textContent).toBe('shop.example');
    // missing-secure (high) caps the grade at C; with the medium and info findings the score is 70.
    expect(root.querySelector('.grade-letter')?.textContent).toBe('C');
    const counts = Object.fromEntries([...root.querySelectorAll('.count')].map((c) => [c.getAttribute('data-count'), c.querySelector('dd')?.textContent]));
    expect(counts).toEqual({ session: '1', persistent: '1', secure: '1', 'third-party': '0' });
    const findings = [...root.querySelectorAll('.finding')].map((f) => [f.querySelector('.severity')?.textContent, f.getAttribute('data-rule')]);
    expect(findings).toEqual([
      ['High', 'missing-secure'],
      ['Medium', 'missing-httponly'],
      ['Info', 'default-session-name'],
    ]);
    expect(root.querySelector('.finding-summary')?.textContent).toMatch(/plain HTTP/);
  });

  it('updates live when a cookie changes', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    const root = await renderPopup(1);
    await vi.waitFor(() => expect(root.textContent).toContain('This site sets no cookies.'));
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sessionid', value: 'x' });
    await vi.waitFor(() => expect(root.querySelector('[data-rule="missing-secure"]')).not.toBeNull());
  });

  it('explains a browser page instead of showing an empty report', async () => {
    fake.fake.addTab({ id: 2, url: 'chrome://extensions/' });
    const root = await renderPopup(2);
    await vi.waitFor(() => expect(root.textContent).toMatch(/chrome: page\. Only http and https pages have cookies/));
  });

  it('shows cookie names and values carrying HTML as text, never as markup', async () => {
    fake.fake.addTab({ id: 1, url: 'https://shop.example/' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: `session${XSS_NAME}`, value: XSS_VALUE });
    const root = await renderPopup(1);
    await vi.waitFor(() => expect(root.querySelector('.finding')).not.toBeNull());
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toContain(XSS_NAME);
    expect((globalThis as { __xss?: number }).__xss).toBeUndefined();
  });
});

describe('popup: explanations, cookies and the learn view', () => {
  let fake: Awaited<ReturnType<typeof withWorker>>;
  beforeEach(async () => {
    fake = await withWorker();
    fake.fake.addTab({ id: 1, url: 'https://shop.example/cart' });
  });
  const renderPopup = async () => {
    const { PopupApp } = await import('../../src/ui/popup/popup-app');
    return mount(<PopupApp tabId={1} />);
  };
  const tab = (root: HTMLElement, id: string) => (root.querySelector(`[data-tab="${id}"]`) as HTMLElement).click();

  it('opens a finding to what was seen, what it means, the attack, the fix per framework and references', async () => {
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'sessionid',
      value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z',
      httpOnly: true,
      sameSite: 'lax',
    });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-rule="missing-secure"]')).not.toBeNull());
    const finding = root.querySelector('[data-rule="missing-secure"]') as HTMLElement;
    // The explanation is built only when the finding is opened.
    expect(finding.querySelector('.what-we-saw')).toBeNull();
    (finding.querySelector('summary') as HTMLElement).click();
    await vi.waitFor(() => expect(finding.querySelector('.what-we-saw')).not.toBeNull());
    expect(finding.querySelector('.what-we-saw')?.textContent).toMatch(/"sessionid": host shop\.example · Path=\/ · no Secure · HttpOnly · SameSite=Lax/);
    expect(finding.textContent).toMatch(/What it means\..*http:\/\//s);
    expect(finding.textContent).toMatch(/Why it matters\..*hijacking/s);
    const frameworks = [...finding.querySelectorAll('.fix-tablist button')].map((b) => b.textContent);
    expect(frameworks).toEqual(['Flask', 'Django', 'Express', 'PHP', 'Rails']);
    ([...finding.querySelectorAll('.fix-tablist button')].find((b) => b.textContent === 'Django') as HTMLElement).click();
    await vi.waitFor(() => expect(finding.querySelector('.fix-code')?.textContent).toContain('SESSION_COOKIE_SECURE = True'));
    const links = [...finding.querySelectorAll('.learn-more a')].map((a) => a.getAttribute('href'));
    expect(links.some((h) => h?.includes('httpwg.org'))).toBe(true);
    expect(links.some((h) => h?.includes('owasp.org'))).toBe(true);
  });

  it("a fix opens on the cookie's own framework (Django), else on the reader's last pick, and names that cookie's setting", async () => {
    localStorage.setItem('cookie-lens.framework', 'flask');
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'csrftoken',
      value: 'Q4mX7cV2bN9zL1kJ8hG5fD3sA6pO0iUyTrEwQaZxScVbNmLkJhGfDsApOiUyTrEw',
    });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'theme', value: 'dark', secure: false, sameSite: 'lax' });
    const root = await renderPopup();
    const open = async (name: string) => {
      await vi.waitFor(() => expect(root.querySelectorAll('[data-rule="missing-secure"]').length).toBeGreaterThan(0));
      const finding = [...root.querySelectorAll('[data-rule="missing-secure"]')].find((f) => f.textContent?.includes(`"${name}"`)) as HTMLElement;
      (finding.querySelector('summary') as HTMLElement).click();
      await vi.waitFor(() => expect(finding.querySelector('.fix-code')).not.toBeNull());
      return finding;
    };
    const csrf = await open('csrftoken');
    expect(csrf.querySelector('.fix-tablist [aria-selected="true"]')?.textContent).toBe('Django');
    expect(csrf.querySelector('.fix-code')?.textContent).toBe('CSRF_COOKIE_SECURE = True');
    const theme = await open('theme');
    expect(theme.querySelector('.fix-tablist [aria-selected="true"]')?.textContent).toBe('Flask');
    expect(theme.querySelector('.fix-code')?.textContent).toBe("resp.set_cookie('theme', value, secure=True)");
    localStorage.removeItem('cookie-lens.framework');
  });

  it('groups the cookies by what they are for, each with its platform and plain description', async () => {
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'sessionid',
      value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
    });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'theme', value: 'dark', secure: true, sameSite: 'lax' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: '_ga', value: 'GA1.2.3', secure: true, sameSite: 'lax' });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-tab="cookies"]')).not.toBeNull());
    tab(root, 'cookies');
    await vi.waitFor(() => expect(root.querySelectorAll('.cookie-group')).toHaveLength(3));
    const groups = [...root.querySelectorAll('.cookie-group')].map((g) => [
      g.getAttribute('aria-label'),
      [...g.querySelectorAll('.cookie-pick-name')].map((n) => n.textContent),
    ]);
    expect(groups).toEqual([
      ['Keep you logged in', ['sessionid']],
      ['Analytics', ['_ga']],
      ['Remember choices', ['theme']],
    ]);
    const ga = root.querySelector('.cookie-group[aria-label="Analytics"] .cookie-about');
    expect(ga?.textContent).toMatch(/^Google Analytics: ID used to identify users/);
    expect(ga?.querySelector('a')?.getAttribute('href')).toMatch(/^https:\/\//);
  });

  it('teaches with the site’s own cookies, showing what a client-side session lets anyone read', async () => {
    const flask = 'eyJ1c2VyX2lkIjo0MiwiZW1haWwiOiJhZGFAZXhhbXBsZS5jb20ifQ.ZxYzAA.2a5KcXQ5o0d1w2c3b4a5Z6Y7X8W';
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'session', value: flask, secure: true, httpOnly: true, sameSite: 'lax' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: '__Host-csrf', value: 'x', secure: true, sameSite: 'strict' });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-tab="learn"]')).not.toBeNull());
    tab(root, 'learn');
    await vi.waitFor(() => expect(root.querySelector('.readable-session')).not.toBeNull());
    expect(root.querySelector('.readable-session')?.textContent).toContain('ada@example.com');
    expect(root.querySelector('[data-testid="logout-lesson"]')?.textContent).toMatch(
      /Here "session" holds the session itself, so logging out only makes your browser forget it\./,
    );
    const lessons = Object.fromEntries([...root.querySelectorAll('.lesson')].map((l) => [l.querySelector('h3')?.textContent, l.textContent ?? '']));
    expect(lessons['SameSite: which sites may send the cookie']).toContain('Strict cookies are only sent when you are already on this site ("__Host-csrf")');
    expect(lessons['Name prefixes']).toContain('Prefixed here: "__Host-csrf"');
    expect(lessons['Name prefixes']).toContain('Could use __Host-: "session"');
  });

  it('answers "would this cookie be sent?" from the jar rules, and why', async () => {
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'sid', value: 'abc', secure: true, httpOnly: true, sameSite: 'lax' });
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: 'strict', value: '1', secure: true, sameSite: 'strict' });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-tab="send"]')).not.toBeNull());
    tab(root, 'send');
    const verdict = () => root.querySelector('[data-testid="send-verdict"]')?.textContent ?? '';
    // Defaults: a cross-site top-level POST to the page.
    await vi.waitFor(() => expect(verdict()).toMatch(/✗ "sid" is not sent.*SameSite=Lax/s));
    const method = root.querySelector('select[name="method"]') as HTMLSelectElement;
    method.value = 'GET';
    method.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(verdict()).toMatch(/✓ "sid" is sent/));
    const cookie = root.querySelector('select[name="cookie"]') as HTMLSelectElement;
    cookie.value = [...cookie.options].find((o) => o.textContent?.startsWith('strict'))?.value ?? '';
    cookie.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(verdict()).toMatch(/✗ "strict" is not sent.*Strict/s));
    (root.querySelector('input[name="origin"]') as HTMLInputElement).click();
    await vi.waitFor(() => expect(verdict()).toMatch(/✓ "strict" is sent/));
    const url = root.querySelector('input[name="url"]') as HTMLInputElement;
    url.value = 'http://shop.example/';
    url.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(verdict()).toMatch(/not HTTPS/));
    // From a page of this site to another site is cross-site, whatever was picked: the tool says so.
    url.value = 'https://tracker.example/pixel';
    url.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(verdict()).toMatch(/A request from shop\.example to tracker\.example is cross-site/));
    // Not a URL: no verdict about paths, a hint instead.
    url.value = 'not a url';
    url.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(verdict()).toMatch(/^Type an address, like https:\/\/shop\.example\/account: "not a url" is not an http or https URL\.$/));
  });

  it('words a learner meets: no "here: none here", a login cookie that is persistent explained beside the counts', async () => {
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'sessionid',
      value: 'n8d1rq4v0h2m6k3p9s7t5l1c2e8a4x0z',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      expirationDate: Date.now() / 1000 + 14 * 86400,
    });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-testid="count-note"]')).not.toBeNull());
    expect(root.querySelector('.count[data-count="session"] dd')?.textContent).toBe('0');
    expect(root.querySelector('[data-testid="count-note"]')?.textContent).toMatch(
      /“Session” counts cookies without an expiry date\. "sessionid" keeps you logged in but has one/,
    );
    tab(root, 'learn');
    await vi.waitFor(() => expect(root.querySelector('.lesson')).not.toBeNull());
    const text = root.querySelector('.learn')?.textContent ?? '';
    expect(text).not.toMatch(/none here/);
    expect(text).toMatch(/this site has 0\. A persistent cookie/);
    expect(text).toMatch(/here: none\)/);
  });

  it('marks a tracking cookie set before the consent cookie, in the popup (from the timeline), and not one set after', async () => {
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: '_ga', value: 'GA1.1.123456789.1700000000', secure: true, sameSite: 'lax' });
    await new Promise((r) => setTimeout(r, 5));
    await fake.fakeBrowser.cookies.set({
      url: 'https://shop.example/',
      name: 'cc_cookie',
      value: '{"categories":["necessary","analytics"]}',
      secure: true,
      sameSite: 'lax',
    });
    await new Promise((r) => setTimeout(r, 5));
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: '_fbp', value: 'fb.1.1700000000000.123456789', secure: true, sameSite: 'lax' });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-tab="cookies"]')).not.toBeNull());
    tab(root, 'cookies');
    const marked = () =>
      [...root.querySelectorAll('.badge-before-consent')].map(
        (b) => b.closest('li')?.querySelector('.cookie-name, .cookie-pick-name, strong')?.textContent ?? b.closest('li')?.textContent?.slice(0, 5),
      );
    await vi.waitFor(() => expect(root.querySelectorAll('.badge-before-consent')).toHaveLength(1));
    expect(marked()[0]).toMatch(/_ga/);
    // And the finding, in the learner's list: the timeline is the evidence.
    tab(root, 'findings');
    await vi.waitFor(() =>
      expect(root.querySelector('[data-rule="tracking-before-consent"]')?.textContent).toMatch(
        /"_ga" \(Google Analytics analytics, per the Open Cookie Database\) was set before the site's consent cookie/,
      ),
    );
  });

  it('the consent lesson names the site’s tracking cookies and says when no consent answer is stored', async () => {
    await fake.fakeBrowser.cookies.set({ url: 'https://shop.example/', name: '_ga', value: 'GA1.1.123456789.1700000000', secure: true, sameSite: 'lax' });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-tab="learn"]')).not.toBeNull());
    tab(root, 'learn');
    await vi.waitFor(() => expect(root.querySelector('[data-testid="consent-lesson"]')).not.toBeNull());
    expect(root.querySelector('[data-testid="consent-lesson"]')?.textContent).toMatch(
      /Analytics and advertising cookies here: "_ga"\. The consent manager's own cookie, which stores your answer: none\. This site stores no consent answer, yet it has tracking cookies/,
    );
  });

  it('lists hundreds of cookies: findings of one rule grouped, their cookies on demand, a small page', async () => {
    for (let i = 0; i < 300; i++)
      fake.fakeBrowser.cookies.put({
        name: `c${i}`,
        value: `v${i}`,
        domain: 'shop.example',
        hostOnly: true,
        path: '/',
        secure: i % 2 === 0,
        httpOnly: false,
        sameSite: 'lax',
        session: true,
        storeId: '0',
      });
    const root = await renderPopup();
    await vi.waitFor(() => expect(root.querySelector('[data-count="session"] dd')?.textContent).toBe('300'));
    const group = root.querySelector('.finding-group[data-rule="missing-secure"]') as HTMLElement;
    expect(group.getAttribute('data-count')).toBe('150');
    expect(group.querySelector('.finding-message')?.textContent).toMatch(/^150 cookies: /);
    // Closed, the whole Findings tab is a few elements a group.
    expect(root.querySelectorAll('*').length).toBeLessThan(400);
    (group.querySelector('summary') as HTMLElement).click();
    await vi.waitFor(() => expect(group.querySelectorAll('.group-cookies li')).toHaveLength(100));
    (group.querySelector('.more') as HTMLElement).click();
    await vi.waitFor(() => expect(group.querySelectorAll('.group-cookies li')).toHaveLength(150));
    // The Cookies tab lists 50 a group, then more on demand.
    (root.querySelector('[data-tab="cookies"]') as HTMLElement).click();
    await vi.waitFor(() => expect(root.querySelectorAll('.cookie-list li')).toHaveLength(50));
    (root.querySelector('.cookie-group .more') as HTMLElement).click();
    await vi.waitFor(() => expect(root.querySelectorAll('.cookie-list li')).toHaveLength(250));
  });
});
