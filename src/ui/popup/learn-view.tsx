import type { AnalyzedCookie } from '../../core/analyzed';
import { needsConsent } from '../../core/consent';
import { countCookies } from '../../core/summary';
import { JsonTree } from '../panel/json-tree';

const names = (list: readonly AnalyzedCookie[], max = 4) =>
  list.length === 0
    ? 'none'
    : `${list
        .slice(0, max)
        .map((c) => `"${c.name}"`)
        .join(', ')}${list.length > max ? ` and ${list.length - max} more` : ''}`;

/** Short lessons, each illustrated with this site's own cookies. */
export function LearnView({ cookies }: { cookies: readonly AnalyzedCookie[] }) {
  const counts = countCookies(cookies);
  const sessions = cookies.filter((c) => c.role === 'session' || c.role === 'auth');
  const readable = sessions.filter((c) => c.sessionStorage === 'client' && c.decoded?.payload !== undefined && !c.decoded.encrypted);
  const byStorage = (s: 'client' | 'server') => sessions.filter((c) => c.sessionStorage === s);
  const sameSite = (s: AnalyzedCookie['sameSite']) => cookies.filter((c) => c.sameSite === s);
  const prefixed = cookies.filter((c) => /^__(host|secure)-/i.test(c.name));
  const couldBeHost = sessions.filter((c) => !/^__host-/i.test(c.name) && c.secure && c.hostOnly && c.path === '/' && !c.partitioned);
  const partitioned = cookies.filter((c) => c.partitioned);
  const tracking = cookies.filter(needsConsent);
  const consentCookies = cookies.filter((c) => c.purpose === 'consent');

  return (
    <div class="learn">
      <section class="lesson" aria-labelledby="l-types">
        <h3 id="l-types">Session, persistent and secure cookies</h3>
        <p>
          A <strong>session cookie</strong> has no expiry date and disappears when the browser session ends; this site has {counts.session}
          {counts.session ? ` (${names(cookies.filter((c) => c.type === 'session'))})` : ''}. A <strong>persistent cookie</strong> has an expiry date and is
          kept on disk until then; here {counts.persistent}
          {counts.persistent ? ` (${names(cookies.filter((c) => c.type === 'persistent'))})` : ''}. These say how long a cookie lasts, not what it is for: a
          login (session) cookie can be persistent. A <strong>Secure</strong> cookie is only sent over HTTPS: {counts.secure} of {counts.total} here.
        </p>
      </section>

      <section class="lesson" aria-labelledby="l-sessions">
        <h3 id="l-sessions">Where your session lives</h3>
        <p>
          Some sites keep your session on their server and give you only an opaque id (here: {names(byStorage('server'))}). Others put the whole session in the
          cookie, signed but readable by anyone who has it (here: {names(byStorage('client'))}).
        </p>
        <p data-testid="logout-lesson">
          That decides what logging out can do. A server-side session can be ended at logout: the old cookie stops working. A session in the cookie cannot be
          revoked — a copy of it keeps working until it expires, unless the server keeps a revocation list.{' '}
          {byStorage('client').length > 0
            ? `Here "${byStorage('client')[0].name}" holds the session itself, so logging out only makes your browser forget it.`
            : byStorage('server').length > 0
              ? `Here "${byStorage('server')[0].name}" is an id: whether logout ends the session depends on the server.`
              : ''}{' '}
          Try it: log out, then in the panel's Timeline press "Restore this value" on the session cookie and reload. Logged in again means the session outlived
          the logout (the audit checks this for you with a loggedIn probe).
        </p>
        {readable.length > 0 ? (
          readable.slice(0, 2).map((c) => (
            <div key={c.name} class="readable-session">
              <p>
                Anyone can read what is inside <strong>"{c.name}"</strong> ({c.decoded?.format}):
              </p>
              <JsonTree value={c.decoded?.payload} label={c.name} />
            </div>
          ))
        ) : (
          <p class="muted">No readable client-side session on this site.</p>
        )}
      </section>

      <section class="lesson" aria-labelledby="l-samesite">
        <h3 id="l-samesite">SameSite: which sites may send the cookie</h3>
        <p>
          <strong>Strict</strong> cookies are only sent when you are already on this site ({names(sameSite('strict'))}). <strong>Lax</strong> ones also go along
          when you follow a link here from another site ({names(sameSite('lax'))}). <strong>None</strong> means any site can make your browser send it, which is
          what cross-site request forgery abuses ({names(sameSite('no_restriction'))}). Without the attribute, Chrome treats a cookie as Lax but Firefox and
          Safari do not ({names(sameSite('unspecified'))}).
        </p>
      </section>

      <section class="lesson" aria-labelledby="l-prefixes">
        <h3 id="l-prefixes">Name prefixes</h3>
        <p>
          A cookie named <code>__Host-…</code> is only accepted if it is Secure, has no Domain and has Path=/, so no subdomain and no plain-HTTP page can
          overwrite it; <code>__Secure-…</code> requires Secure. Prefixed here: {names(prefixed)}. Could use <code>__Host-</code>: {names(couldBeHost)}.
        </p>
      </section>

      <section class="lesson" aria-labelledby="l-consent" data-testid="consent-lesson">
        <h3 id="l-consent">Consent: what may be stored before you agree</h3>
        <p>
          In the EU (ePrivacy, GDPR) a site may store only strictly necessary cookies until you agree; analytics and advertising cookies need your consent, and
          must go when you refuse. Analytics and advertising cookies here: {names(tracking)}. The consent manager's own cookie, which stores your answer:{' '}
          {names(consentCookies)}.{' '}
          {consentCookies.length === 0 && tracking.length > 0
            ? 'This site stores no consent answer, yet it has tracking cookies: they were set without asking.'
            : consentCookies.length > 0
              ? 'Its details (in the panel) show the choice it recorded; `cookie-lens audit --consent` checks each answer in a fresh browser.'
              : ''}
        </p>
      </section>

      <section class="lesson" aria-labelledby="l-chips">
        <h3 id="l-chips">Partitioned cookies</h3>
        <p>
          A partitioned (CHIPS) cookie set by an embedded site is kept separately for each site that embeds it, so it cannot follow you from one site to
          another. Partitioned here: {names(partitioned)}.
        </p>
      </section>
    </div>
  );
}
