import type { JarRule } from '../rule';

export const rule: JarRule = {
  id: 'analysis-error',
  scope: 'jar',
  levels: ['info'],
  title: 'Part of the analysis could not run',
  summary: 'One check failed on one cookie; that cookie was analysed without it and every other cookie as usual.',
  explain:
    'Cookie Lens runs every decoder, signature check and rule behind its own boundary. When one of them fails on a value a site wrote (a malformed token, a value built to break tools), the failure is reported here, naming the cookie and the reason, instead of taking the whole report down.',
  why: 'A site controls every byte of its cookies. A tool that one crafted cookie can blind shows "no issues" exactly where it should look hardest; this finding keeps the gap visible.',
  fix: 'Nothing to fix in the site unless the value is malformed; if the reason looks like a bug in Cookie Lens, report it with the cookie name and the reason.',
  snippets: {
    flask: '# nothing to change in Flask: Cookie Lens could not finish one check on this cookie',
    django: '# nothing to change in Django: Cookie Lens could not finish one check on this cookie',
    express: '// nothing to change in Express: Cookie Lens could not finish one check on this cookie',
  },
  references: [{ title: 'Cookie Lens issues', url: 'https://github.com/cookie-lens/cookie-lens/issues' }],
  checkJar(ctx) {
    return (ctx.failures ?? []).map((f) => ({
      severity: 'info' as const,
      message: `${f.cookie ? `"${f.cookie.name || '(nameless)'}"` : 'The page'}: ${f.stage} failed (${f.message}); the rest of the analysis ran.`,
      cookie: f.cookie,
    }));
  },
  examples: {
    flag: [
      {
        title: 'a cookie store that could not be read',
        cookies: [],
        failures: [{ cookie: null, stage: 'reading the Work container', message: 'No such cookie store' }],
      },
    ],
    pass: [{ title: 'an ordinary jar', cookies: [{ name: 'sid', value: '9f2c4e8a7b1d3f5e6a8c0b2d4f6e8a1c' }] }],
  },
};
