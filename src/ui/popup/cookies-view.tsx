import { useState } from 'preact/hooks';
import type { AnalyzedCookie, RejectedCookie } from '../../core/analyzed';
import { refKey } from '../../core/cookie';
import { TypeBadges } from '../badges';
import { FoldedText } from '../folded-text';

interface Group {
  title: string;
  explain: string;
  test: (c: AnalyzedCookie) => boolean;
}

// Plain-language groups for learners, by what each cookie is for, in the order they care about.
const GROUPS: Group[] = [
  {
    title: 'Keep you logged in',
    explain: 'Session and login cookies: whoever has them is you on this site.',
    test: (c) => c.role === 'session' || c.role === 'auth',
  },
  {
    title: 'Advertising',
    explain: 'Ad networks recognise your browser to pick and count ads, here and on other sites that embed them.',
    test: (c) => c.purpose === 'advertising',
  },
  { title: 'Analytics', explain: 'Measure visits: who came back, what was read, how long.', test: (c) => c.purpose === 'analytics' },
  { title: 'Consent records', explain: 'What you agreed to (or refused) in the cookie banner.', test: (c) => c.purpose === 'consent' },
  {
    title: 'Protect forms and the site',
    explain: 'Anti-CSRF tokens, bot protection and security checks.',
    test: (c) => c.role === 'csrf' || c.purpose === 'security',
  },
  { title: 'Remember choices', explain: 'Language, theme and other preferences.', test: (c) => c.purpose === 'preference' || c.role === 'preference' },
  {
    title: 'Make the site work',
    explain: 'Load balancing, features and other plumbing.',
    test: (c) => c.purpose === 'necessary' || c.purpose === 'functional',
  },
  { title: 'Other cookies', explain: 'Cookies no data set or evidence explains.', test: () => true },
];

/** Cookies listed per group at first, and per "show more": a site with thousands stays quick to open. */
const PAGE = 50;

function CookieItem({ c, onPick }: { c: AnalyzedCookie; onPick(c: AnalyzedCookie): void }) {
  return (
    <li>
      <button type="button" class="cookie-pick" onClick={() => onPick(c)} aria-label={`Would ${c.name} be sent? Try it`}>
        <span class="cookie-pick-name">{c.name || '(nameless)'}</span>
        <span class="muted">{c.domain}</span>
      </button>
      <TypeBadges cookie={c} />
      {(c.platform || c.description) && (
        <p class="cookie-about">
          {c.platform && <strong>{c.platform}</strong>}
          {c.platform && c.description && ': '}
          {c.description}
          {c.retention && <span class="muted"> (kept {c.retention})</span>}
          {c.privacyLink && (
            <>
              {' '}
              <a href={c.privacyLink} target="_blank" rel="noreferrer noopener">
                privacy policy
              </a>
            </>
          )}
        </p>
      )}
      {c.setBy && (
        <p class="muted cookie-set-by" data-testid="set-by">
          Set by {c.setBy.url}
        </p>
      )}
    </li>
  );
}

function GroupSection({ g, members, onPick }: { g: Group; members: readonly AnalyzedCookie[]; onPick(c: AnalyzedCookie): void }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <section class="cookie-group" aria-label={g.title}>
      <h3>
        {g.title} <span class="muted">({members.length.toLocaleString('en-US')})</span>
      </h3>
      <p class="muted">{g.explain}</p>
      <ul class="cookie-list">
        {members.slice(0, shown).map((c) => (
          <CookieItem key={refKey(c)} c={c} onPick={onPick} />
        ))}
      </ul>
      {members.length > shown && (
        <button type="button" class="more" onClick={() => setShown((n) => n + PAGE * 4)}>
          Show {Math.min(PAGE * 4, members.length - shown)} more of {members.length.toLocaleString('en-US')}
        </button>
      )}
    </section>
  );
}

/** Past this many characters a refused header is folded (a site may send 5 KB of it). */
const HEADER_SHOWN = 160;

function RejectedItem({ r }: { r: RejectedCookie }) {
  return (
    <li data-testid="rejected" data-name={r.name}>
      <FoldedText text={r.header} limit={HEADER_SHOWN} as="code" class="rejected-header" />
      <p class="muted">
        {r.reason} From {r.url}
      </p>
    </li>
  );
}

/** Set-Cookie headers the browser refused on this page, with why: what no cookie list can show. */
function RejectedSection({ rejected, total }: { rejected: readonly RejectedCookie[]; total: number }) {
  return (
    <section class="cookie-group rejected-group" aria-label="Refused by the browser">
      <h3>
        Refused by the browser <span class="muted">({total.toLocaleString('en-US')})</span>
      </h3>
      <p class="muted">The site sent these Set-Cookie headers, and the browser did not store them.</p>
      <ul class="cookie-list">
        {rejected.map((r) => (
          <RejectedItem key={`${r.url} ${r.header}`} r={r} />
        ))}
      </ul>
      {total > rejected.length && <p class="muted">The first {rejected.length} are listed; the panel's Network view has them all.</p>}
    </section>
  );
}

/** The site's cookies grouped by what they do for (or to) the visitor, then the headers the browser refused. */
export function CookiesView({
  cookies,
  onPick,
  rejected = [],
  rejectedCount = rejected.length,
}: {
  cookies: readonly AnalyzedCookie[];
  onPick(c: AnalyzedCookie): void;
  rejected?: readonly RejectedCookie[];
  rejectedCount?: number;
}) {
  const refused = rejected.length > 0 && <RejectedSection rejected={rejected} total={rejectedCount} />;
  if (cookies.length === 0)
    return (
      <>
        <p class="empty">This site sets no cookies.</p>
        {refused}
      </>
    );
  const placed = new Set<AnalyzedCookie>();
  return (
    <div class="cookie-groups">
      {GROUPS.map((g) => {
        const members = cookies.filter((c) => !placed.has(c) && g.test(c));
        for (const c of members) placed.add(c);
        if (members.length === 0) return null;
        return <GroupSection key={g.title} g={g} members={members} onPick={onPick} />;
      })}
      {refused}
    </div>
  );
}
