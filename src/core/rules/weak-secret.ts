import type { CookieRule } from '../rule';
import { REF } from '../rule-helpers';

export const rule: CookieRule = {
  id: 'weak-secret',
  scope: 'cookie',
  levels: ['high'],
  title: 'Signed with a publicly known secret',
  summary: 'The signing key is a default or example value from docs or tutorials, so anyone can forge this cookie.',
  explain:
    'Cookie Lens checked the cookie\'s signature against a list of secrets that framework docs and tutorials use ("keyboard cat", "dev", "your-256-bit-secret", …) and one of them matched. The key in production is the one from the example.',
  why: 'With the key, an attacker signs a session that says "user 1, admin" and the server accepts it: account takeover and privilege escalation. Flask and Django signed sessions can even lead to code execution with some serializers.',
  fix: 'Generate a long random secret (32+ bytes), keep it out of the code, rotate it — which logs every user out — and check no other service reuses it.',
  snippets: {
    flask: "# python -c 'import secrets; print(secrets.token_hex(32))'\napp.secret_key = os.environ['SECRET_KEY']",
    django: "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']  # get_random_secret_key()",
    express: "app.use(session({ secret: process.env.SESSION_SECRET }))  // crypto.randomBytes(32).toString('hex')",
    rails: 'bin/rails credentials:edit  # secret_key_base from `bin/rails secret`',
  },
  references: [
    REF.cwe(798, 'Use of Hard-coded Credentials'),
    REF.cwe(1391, 'Use of Weak Credentials'),
    { title: 'Burp: JWT signed with a weak secret', url: 'https://portswigger.net/kb/issues/00200900_jwt-signature-not-verified' },
  ],
  check(c) {
    const secret = c.decoded?.knownSecret;
    if (secret === undefined) return null;
    const signed = `"${c.name}" (${c.decoded?.format}) is signed with the known secret ${JSON.stringify(secret)}`;
    // Not a login itself (Django's messages, a signed preference): the danger is the key, which frameworks
    // use for everything they sign.
    if (c.role !== 'session' && c.role !== 'auth' && c.framework)
      return { severity: 'high', message: `${signed}: ${c.framework}'s secret key, which also signs its sessions — anyone can forge them.` };
    return { severity: 'high', message: `${signed}.` };
  },
  examples: {
    flag: [
      {
        title: "express-session signed with 'keyboard cat'",
        cookies: [{ name: 'connect.sid', value: 's%3Aabc123.L3URH8qEUlRhbJErOXuJ%2FR5i21GJUY02kERb2c2p5w0' }],
      },
      {
        title: "JWT signed with jwt.io's 'your-256-bit-secret'",
        cookies: [
          {
            name: 'token',
            value:
              'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
          },
        ],
      },
    ],
    pass: [
      { title: 'express-session with a random secret', cookies: [{ name: 'connect.sid', value: 's%3Aabc123.9u8mKc0m2bqKcWxy6Q7b3H0bWqGkFZ0lQq3vWcYtJ1s' }] },
    ],
  },
};
