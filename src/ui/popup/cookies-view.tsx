import type { AnalyzedCookie } from '../../core/report';
import { TypeBadges } from '../badges';

interface Group {
  title: string;
  explain: string;
  test: (c: AnalyzedCookie) => boolean;
}

// Plain-language groups for learners, in the order they care about.
const GROUPS: Group[] = [
  {
    title: 'Keep you logged in',
    explain: 'Session and login cookies: whoever has them is you on this site.',
    test: (c) => c.role === 'session' || c.role === 'auth',
  },
  {
    title: 'Follow you around',
    explain: 'Trackers and cookies of other sites embedded in this page.',
    test: (c) => c.role === 'tracking' || (c.thirdParty && !c.partitioned),
  },
  { title: 'Protect forms', explain: 'Anti-CSRF tokens: they prove a form was sent from this site.', test: (c) => c.role === 'csrf' },
  { title: 'Remember choices', explain: 'Language, theme, consent and other preferences.', test: (c) => c.role === 'preference' },
  { title: 'Other cookies', explain: 'Cookies Cookie Lens cannot classify from their name or value.', test: () => true },
];

/** The site's cookies grouped by what they do for (or to) the visitor. */
export function CookiesView({ cookies, onPick }: { cookies: readonly AnalyzedCookie[]; onPick(c: AnalyzedCookie): void }) {
  if (cookies.length === 0) return <p class="empty">This site sets no cookies.</p>;
  const placed = new Set<AnalyzedCookie>();
  return (
    <div class="cookie-groups">
      {GROUPS.map((g) => {
        const members = cookies.filter((c) => !placed.has(c) && g.test(c));
        for (const c of members) placed.add(c);
        if (members.length === 0) return null;
        return (
          <section key={g.title} class="cookie-group" aria-label={g.title}>
            <h3>
              {g.title} <span class="muted">({members.length})</span>
            </h3>
            <p class="muted">{g.explain}</p>
            <ul class="cookie-list">
              {members.map((c) => (
                <li key={`${c.name}|${c.domain}|${c.path}|${c.partitionKey?.topLevelSite ?? ''}`}>
                  <button type="button" class="cookie-pick" onClick={() => onPick(c)} aria-label={`Would ${c.name} be sent? Try it`}>
                    <span class="cookie-pick-name">{c.name || '(nameless)'}</span>
                    <span class="muted">{c.domain}</span>
                  </button>
                  <TypeBadges cookie={c} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
