import { useState } from 'preact/hooks';
import type { AnalyzedCookie } from '../../core/analyzed';
import type { FindingGroup } from '../../core/compact-report';
import { sameCookie } from '../../core/cookie';
import type { Finding } from '../../core/rule';
import { ruleById } from '../../core/rules/index';
import { SeverityTag } from '../badges';
import { RuleExplanation } from '../rule-explanation';
import { attributesLine } from './what-we-saw';

/** A group of more findings than this is shown as one item, its cookies listed on demand. */
const SHOWN_ALONE = 3;
/** Cookies of a group listed per "show more". */
const LIST_PAGE = 100;

function cookieOf(f: Finding, cookies: readonly AnalyzedCookie[]): AnalyzedCookie | undefined {
  const ref = f.cookie;
  return ref ? cookies.find((c) => sameCookie(c, ref)) : undefined;
}

/** A <details> whose inside is only built once it is opened: thousands of findings cost a line each. */
function Lazy({ summary, children }: { summary: preact.ComponentChildren; children: () => preact.ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return (
    <details open={open}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: <summary> is the native toggle of <details>; its click is taken over to build the inside on open */}
      <summary
        onClick={(e) => {
          e.preventDefault();
          setOpen((o) => !o);
        }}
      >
        {summary}
      </summary>
      {open && <div class="finding-open">{children()}</div>}
    </details>
  );
}

function One({ f, cookies }: { f: Finding; cookies: readonly AnalyzedCookie[] }) {
  const rule = ruleById(f.rule);
  return (
    <li class="finding" data-rule={f.rule}>
      <Lazy
        summary={
          <>
            <SeverityTag severity={f.severity} />
            <span class="finding-text">
              <span class="finding-message">{f.message}</span>
              <span class="finding-summary">{rule?.summary ?? ''}</span>
            </span>
          </>
        }
      >
        {() => {
          const cookie = cookieOf(f, cookies);
          return (
            <>
              <p class="what-we-saw">
                <strong>What we saw.</strong> {cookie ? `"${cookie.name || '(nameless)'}": ${attributesLine(cookie)}.` : f.message}
                {f.url && ` (${f.url})`}
              </p>
              {rule && <RuleExplanation rule={rule} cookie={cookie} />}
            </>
          );
        }}
      </Lazy>
    </li>
  );
}

function CookieList({ indexes, cookies }: { indexes: readonly number[]; cookies: readonly AnalyzedCookie[] }) {
  const [shown, setShown] = useState(LIST_PAGE);
  return (
    <>
      <ul class="group-cookies">
        {indexes.slice(0, shown).map((i) => {
          const c = cookies[i];
          return c ? (
            <li key={i}>
              <span class="cookie-pick-name">{c.name || '(nameless)'}</span> <span class="muted">{c.domain}</span>
            </li>
          ) : null;
        })}
      </ul>
      {indexes.length > shown && (
        <button type="button" class="more" onClick={() => setShown((n) => n + LIST_PAGE)}>
          Show {Math.min(LIST_PAGE, indexes.length - shown)} more of {indexes.length.toLocaleString('en-US')}
        </button>
      )}
    </>
  );
}

function Group({ g, cookies }: { g: FindingGroup; cookies: readonly AnalyzedCookie[] }) {
  const rule = ruleById(g.rule);
  return (
    <li class="finding finding-group" data-rule={g.rule} data-count={g.count}>
      <Lazy
        summary={
          <>
            <SeverityTag severity={g.severity} />
            <span class="finding-text">
              <span class="finding-message">
                {g.count.toLocaleString('en-US')} cookies: {rule?.title ?? g.rule}
              </span>
              <span class="finding-summary">
                {g.examples[0] ? `For example: ${g.examples[0].message} ` : ''}
                {rule?.summary ?? ''}
              </span>
            </span>
          </>
        }
      >
        {() => (
          <>
            <CookieList indexes={g.cookies} cookies={cookies} />
            {rule && <RuleExplanation rule={rule} />}
          </>
        )}
      </Lazy>
    </li>
  );
}

/**
 * Findings worst first; each opens to what was seen, what it means, the attack, the fix and references.
 * Many findings of one rule (a site's 3,000 partitioned widget cookies, say) are one item with the count.
 */
export function FindingsView({ groups, cookies, empty }: { groups: readonly FindingGroup[]; cookies: readonly AnalyzedCookie[]; empty: string }) {
  if (groups.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ul class="findings" aria-label="Findings">
      {groups.map((g) =>
        g.count <= SHOWN_ALONE ? (
          g.examples.map((f, i) => <One key={`${f.rule}:${f.cookie?.name}:${f.cookie?.domain}:${f.cookie?.path}:${i}`} f={f} cookies={cookies} />)
        ) : (
          <Group key={`${g.rule}:${g.severity}`} g={g} cookies={cookies} />
        ),
      )}
    </ul>
  );
}
