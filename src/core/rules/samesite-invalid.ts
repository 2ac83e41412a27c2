import type { JarRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: JarRule = {
  id: 'samesite-invalid',
  scope: 'jar',
  levels: ['low'],
  title: 'SameSite value browsers do not understand',
  summary: 'Only None, Lax and Strict mean something; anything else is treated as if SameSite were missing.',
  explain:
    'A typo or an old value (SameSite=true, SameSite=Lax;, SameSite="Strict") is not an error the browser reports: it just falls back to its default, which differs between browsers.',
  why: 'The developer believes the cookie is protected against cross-site use; in Firefox and Safari it may not be, leaving room for CSRF.',
  fix: 'Write SameSite=Lax, SameSite=Strict or SameSite=None exactly.',
  snippets: {
    flask: "resp.set_cookie('name', value, samesite='Lax')  # 'Strict', 'Lax' or 'None'",
    django: "SESSION_COOKIE_SAMESITE = 'Lax'",
    express: "res.cookie('name', value, { sameSite: 'lax' })  // 'strict' | 'lax' | 'none'",
  },
  references: [
    REF.rfc('§5.6.7 The SameSite attribute', 'name-the-samesite-attribute-2'),
    REF.mdn('Set-Cookie SameSite', 'Web/HTTP/Reference/Headers/Set-Cookie#samesitesamesite-value'),
  ],
  checkJar(ctx) {
    return ctx.setCookies.flatMap((r) => {
      const h = r.result.header;
      const written = h?.attributes.sameSite;
      if (!h || written === undefined || /^(none|lax|strict)$/i.test(written)) return [];
      return [
        {
          severity: 'low' as const,
          message: `"${h.name}" was set with SameSite=${written || '(empty)'}, which browsers ignore.`,
          cookie: r.result.accepted ? r.result.cookie : null,
          url: r.url,
        },
      ];
    });
  },
  examples: {
    flag: [{ title: 'SameSite=true', cookies: [], headers: [['https://shop.example/', 'sid=1; Secure; SameSite=true']] }],
    pass: [{ title: 'SameSite=strict in lower case is fine', cookies: [], headers: [['https://shop.example/', 'sid=1; Secure; SameSite=strict']] }],
  },
};
