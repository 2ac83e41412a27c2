import type { JarRule } from '../rule';
import { headerName, REF } from '../rule-helpers';

export const rule: JarRule = {
  id: 'samesite-none-insecure',
  scope: 'jar',
  levels: ['medium'],
  title: 'SameSite=None without Secure',
  summary: 'Browsers throw this cookie away: SameSite=None is only accepted together with Secure.',
  explain:
    'Since 2020 browsers reject a cookie that says SameSite=None but lacks Secure. The server thinks it set the cookie; the browser never stored it, so whatever depends on it (a login inside an iframe, a payment widget) silently breaks.',
  why: 'Besides the breakage, the combination means the cookie was meant to go cross-site over plain HTTP, where anyone on the network could read or tamper with it.',
  fix: 'Add Secure to every SameSite=None cookie (and serve it over HTTPS).',
  setting: 'sameSiteNone',
  snippets: {
    flask: "resp.set_cookie('name', value, samesite='None', secure=True)",
    django: "SESSION_COOKIE_SAMESITE = 'None'\nSESSION_COOKIE_SECURE = True",
    express: "res.cookie('name', value, { sameSite: 'none', secure: true })",
    php: "setcookie('name', $value, ['samesite' => 'None', 'secure' => true]);",
  },
  references: [
    REF.rfc('§5.7 step 18 (SameSite=None requires Secure)', 'name-storage-model'),
    { title: 'web.dev: SameSite cookies explained', url: 'https://web.dev/articles/samesite-cookies-explained' },
  ],
  checkJar(ctx) {
    const fromHeaders = ctx.setCookies
      .filter((r) => !r.result.accepted && r.result.code === 'samesite-none-insecure')
      .map((r) => ({
        severity: 'medium' as const,
        message: `Set-Cookie for "${headerName(r)}" says SameSite=None without Secure; the browser rejected it.`,
        cookie: r.result.cookie ?? null,
        url: r.url,
      }));
    // Stores of older browsers (or Firefox with the check off) can still hold one.
    const stored = ctx.cookies
      .filter((c) => c.sameSite === 'no_restriction' && !c.secure)
      .map((c) => ({ severity: 'medium' as const, message: `"${c.name}" is SameSite=None without Secure; current browsers reject it.`, cookie: c }));
    return [...fromHeaders, ...stored];
  },
  examples: {
    flag: [
      { title: 'header rejected by the browser', cookies: [], headers: [['https://shop.example/', 'widget=1; SameSite=None']] },
      { title: 'stored by a lenient browser', cookies: [{ name: 'widget', sameSite: 'no_restriction', secure: false }] },
    ],
    pass: [
      {
        title: 'SameSite=None with Secure',
        cookies: [{ name: 'widget', sameSite: 'no_restriction', secure: true }],
        headers: [['https://shop.example/', 'widget=1; SameSite=None; Secure']],
      },
    ],
  },
};
