import { useState } from 'preact/hooks';
import type { FixSnippets, Rule } from '../core/rule';

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

/** The fix in the reader's framework: one tab per framework the rule has a snippet for; the choice is remembered. */
export function FixSnippetTabs({ rule }: { rule: Rule }) {
  const available = FRAMEWORKS.filter(([k]) => rule.snippets[k]);
  const [current, setCurrentState] = useState<keyof FixSnippets>(() => {
    const p = preferred();
    return p && rule.snippets[p] ? p : (available[0]?.[0] ?? 'flask');
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
          <button key={k} type="button" role="tab" aria-selected={current === k} class={current === k ? 'active' : ''} onClick={() => setCurrent(k)}>
            {label}
          </button>
        ))}
      </div>
      <pre class="fix-code" role="tabpanel">
        {rule.snippets[current]}
      </pre>
    </div>
  );
}

/** What a finding means, the attack, the fix and where to learn more: the rule file's own words. */
export function RuleExplanation({ rule }: { rule: Rule }) {
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
      <FixSnippetTabs rule={rule} />
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
