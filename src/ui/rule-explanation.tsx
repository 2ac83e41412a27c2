import { useState } from 'preact/hooks';
import { fixFrameworkOf, snippetsFor } from '../core/fix-settings';
import type { FixSnippets, Rule } from '../core/rule';

/** The cookie a finding is about: its name and the framework Cookie Lens recognised. */
export interface FixCookie {
  name: string;
  framework?: string;
}

const FRAMEWORKS: [keyof FixSnippets, string][] = [
  ['flask', 'Flask'],
  ['django', 'Django'],
  ['express', 'Express'],
  ['php', 'PHP'],
  ['rails', 'Rails'],
];

const PREFERRED = 'cookie-lens.framework';

function preferred(): keyof FixSnippets | null {
  try {
    return (localStorage.getItem(PREFERRED) as keyof FixSnippets | null) ?? null;
  } catch {
    return null;
  }
}

/**
 * The fix, one tab per framework the rule has a snippet for, naming the setting of this cookie where its
 * framework is known. Opens on the cookie's own framework (a Django cookie on Django), else on the reader's
 * last pick, which is remembered.
 */
export function FixSnippetTabs({ rule, cookie }: { rule: Rule; cookie?: FixCookie }) {
  const snippets = snippetsFor(rule, cookie);
  const available = FRAMEWORKS.filter(([k]) => snippets[k]);
  const [current, setCurrentState] = useState<keyof FixSnippets>(() => {
    const own = fixFrameworkOf(cookie?.framework);
    if (own && snippets[own]) return own;
    const p = preferred();
    return p && snippets[p] ? p : (available[0]?.[0] ?? 'flask');
  });
  const setCurrent = (k: keyof FixSnippets) => {
    setCurrentState(k);
    try {
      localStorage.setItem(PREFERRED, k);
    } catch {
      // Storage may be unavailable; the choice then lasts for this view only.
    }
  };
  return (
    <div class="fix-tabs">
      <div class="fix-tablist" role="tablist" aria-label="Framework">
        {available.map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            data-framework={k}
            aria-selected={current === k}
            class={current === k ? 'active' : ''}
            onClick={() => setCurrent(k)}
          >
            {label}
          </button>
        ))}
      </div>
      <pre class="fix-code" role="tabpanel">
        {snippets[current]}
      </pre>
    </div>
  );
}

/** What a finding means, the attack, the fix and where to learn more: the rule file's own words. */
export function RuleExplanation({ rule, cookie }: { rule: Rule; cookie?: FixCookie }) {
  return (
    <div class="rule-explanation">
      <p>
        <strong>What it means.</strong> {rule.explain}
      </p>
      <p>
        <strong>Why it matters.</strong> {rule.why}
      </p>
      <p>
        <strong>How to fix it.</strong> {rule.fix}
      </p>
      <FixSnippetTabs rule={rule} cookie={cookie} />
      <p class="learn-more">
        Learn more:{' '}
        {rule.references.map((r, i) => (
          <span key={r.url}>
            {i > 0 && ' · '}
            <a href={r.url} target="_blank" rel="noreferrer noopener">
              {r.title}
            </a>
          </span>
        ))}
      </p>
    </div>
  );
}
