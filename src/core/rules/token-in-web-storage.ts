import type { JarRule, RuleExample } from '../rule';
import { itemLabel } from '../web-storage';

const SUB_JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjkyMDB9.c2lnbmF0dXJlLW5vdC1jaGVja2Vk';
const SCOPE_JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InJlYWQiLCJleHAiOjE3NjcyMjkyMDB9.c2lnbmF0dXJlLW5vdC1jaGVja2Vk';
const ORIGIN = 'https://shop.example';

/** An example page whose top frame keeps these localStorage items. */
const stored = (title: string, local: [string, string][], severity?: 'high' | 'medium'): RuleExample => ({
  title,
  ...(severity ? { severity } : {}),
  cookies: [],
  storage: [{ frameUrl: `${ORIGIN}/`, origin: ORIGIN, local: local.map(([k, v]) => [k, v, v.length]), session: [] }],
});

export const rule: JarRule = {
  id: 'token-in-web-storage',
  scope: 'jar',
  levels: ['high', 'medium'],
  title: 'Token in web storage',
  summary: 'A session token kept in localStorage or sessionStorage: any script on the page can read it and send it away.',
  explain:
    'localStorage and sessionStorage have no HttpOnly: every script that runs on the origin — the app, its dependencies, an analytics tag, an injected one — can read every item. A JWT naming a user (sub), or an OAuth access or refresh token kept there, is the login itself.',
  why: 'One cross-site scripting bug or one compromised third-party script copies the token to the attacker, who then uses the account from anywhere until the token expires — for a refresh token, often weeks — and logging out does not stop it. An HttpOnly cookie cannot be read by scripts at all.',
  fix: 'Keep the session in an HttpOnly, Secure, SameSite cookie set by the server — or a backend-for-frontend that holds the OAuth tokens and gives the browser only such a cookie; never persist tokens in web storage.',
  snippets: {
    flask: "resp.set_cookie('session_token', token, httponly=True, secure=True, samesite='Lax')  # and read it server-side instead of localStorage.getItem",
    django: "response.set_cookie('session_token', token, httponly=True, secure=True, samesite='Lax')  # the SPA then calls the API with credentials: 'include'",
    express: "res.cookie('session_token', token, { httpOnly: true, secure: true, sameSite: 'lax' }); // fetch(url, { credentials: 'include' }) in the app",
  },
  references: [
    {
      title: 'OWASP HTML5 Security Cheat Sheet: Local Storage',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#local-storage',
    },
    { title: 'OAuth 2.0 for Browser-Based Applications (IETF draft BCP)', url: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps' },
    {
      title: 'OWASP JWT Cheat Sheet: Token storage on client side',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html#token-storage-on-client-side',
    },
  ],
  checkJar(ctx) {
    return (ctx.storage ?? []).flatMap((item) =>
      item.credential
        ? [
            {
              severity: item.credential.severity,
              message: `${itemLabel(item)} holds ${item.credential.what}: any script on the page can read it.`,
              cookie: null,
              url: item.origin,
            },
          ]
        : [],
    );
  },
  examples: {
    flag: [
      stored('a JWT naming its user (sub) in localStorage', [['access_token', SUB_JWT]], 'high'),
      stored(
        'oidc-client-ts keeps the OIDC user, refresh token included',
        [
          [
            'oidc.user:https://id.example:spa',
            JSON.stringify({
              id_token: SUB_JWT,
              access_token: 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4',
              refresh_token: 'r3fr3sh-9f8e7d6c5b4a39281706',
              token_type: 'Bearer',
            }),
          ],
        ],
        'high',
      ),
      stored(
        'Firebase Auth keeps its refresh token in the user record',
        [
          [
            'firebase:authUser:AIzaSyExample:[DEFAULT]',
            JSON.stringify({ uid: 'u1', stsTokenManager: { refreshToken: 'AMf-vBx8Q2k1pLw9dFz3TnYc7RhJ0eUa', accessToken: SUB_JWT } }),
          ],
        ],
        'high',
      ),
      stored(
        'MSAL.js keeps each token as { credentialType, secret }',
        [
          [
            'uid.tid-login.windows.net-refreshtoken-clientid--',
            JSON.stringify({ credentialType: 'RefreshToken', secret: '0.AQoAx7pKq3mZ9yT2vLw8sN4bR1cF6hJ' }),
          ],
        ],
        'high',
      ),
      stored('a JWT without a subject (an API key-like token)', [['jwt', SCOPE_JWT]], 'medium'),
      stored('an opaque random token under a token name', [['authToken', 'q8Zr3LmX1vB7nT4kW9pY2cF6hJ0sD5gA']], 'medium'),
    ],
    pass: [
      stored('preferences and ids that are not credentials', [
        ['theme', 'dark'],
        ['cart', JSON.stringify({ items: [1, 2] })],
        ['_ga_session', '1767225600.3'],
      ]),
      stored('a CSRF token (scripts must read it) and a consent string', [
        ['csrf_token', 'q8Zr3LmX1vB7nT4kW9pY2cF6hJ0sD5gA'],
        ['euconsent-v2', 'CQBxVQAQBxVQAAHABBENBJFgAAAAAAAAAAAAAAAAAAAA'],
      ]),
      stored('a token name with a low-entropy value', [['token', 'aaaaaaaaaaaaaaaaaaaaaaaa']]),
    ],
  },
};
