import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';
import { MAX_LIFETIME_SECONDS } from '../set-cookie';

export const rule: JarRule = {
  id: 'lifetime-capped',
  scope: 'jar',
  levels: ['info'],
  title: 'Expiry beyond the 400-day cap',
  summary: 'The server asks for a lifetime browsers no longer grant; the cookie expires after 400 days instead.',
  explain: 'Chrome (since version 104), Firefox and Safari cap cookie lifetimes at 400 days. Expires=2099 or Max-Age of ten years is cut down silently.',
  why: 'Code that assumes the cookie lasts "forever" (remember-me, device ids, consent) will see it vanish after 400 days.',
  fix: 'Ask for at most 400 days and refresh the cookie when the user comes back.',
  snippets: {
    flask: "resp.set_cookie('name', value, max_age=60 * 60 * 24 * 400)",
    django: "response.set_cookie('name', value, max_age=60 * 60 * 24 * 400)",
    express: "res.cookie('name', value, { maxAge: 400 * 24 * 3600 * 1000 })",
  },
  references: [
    REF.rfc('§5.6.1 (400-day limit)', 'name-the-expires-attribute'),
    { title: 'Chrome: cookie expiration capped at 400 days', url: 'https://developer.chrome.com/blog/cookie-max-age-expires' },
  ],
  checkJar(ctx) {
    return ctx.setCookies.flatMap((r) => {
      const h = r.result.header;
      if (!r.result.accepted || !h) return [];
      const requested = h.attributes.maxAge ?? (h.attributes.expires === undefined ? undefined : (h.attributes.expires - ctx.now) / 1000);
      if (requested === undefined || requested <= MAX_LIFETIME_SECONDS) return [];
      return [
        {
          severity: 'info' as const,
          message: `"${h.name}" asks for ${Math.round(requested / 86400)} days; browsers keep it 400.`,
          cookie: r.result.cookie,
          url: r.url,
        },
      ];
    });
  },
  examples: {
    flag: [{ title: 'Max-Age of ten years', cookies: [], headers: [['https://shop.example/', 'device=1; Secure; Max-Age=315360000']] }],
    pass: [{ title: 'one year', cookies: [], headers: [['https://shop.example/', 'device=1; Secure; Max-Age=31536000']] }],
  },
};
