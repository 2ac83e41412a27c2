import type { AnalyzedCookie } from '../../core/report';
import type { Finding } from '../../core/rule';
import { ruleById } from '../../core/rules/index';
import { SeverityTag } from '../badges';
import { RuleExplanation } from '../rule-explanation';
import { attributesLine } from './what-we-saw';

function cookieOf(f: Finding, cookies: readonly AnalyzedCookie[]): AnalyzedCookie | undefined {
  return f.cookie ? cookies.find((c) => c.name === f.cookie?.name && c.domain === f.cookie.domain && c.path === f.cookie.path) : undefined;
}

/** Findings worst first; each opens to what was seen, what it means, the attack, the fix and references. */
export function FindingsView({ findings, cookies, empty }: { findings: readonly Finding[]; cookies: readonly AnalyzedCookie[]; empty: string }) {
  if (findings.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ul class="findings" aria-label="Findings">
      {findings.map((f, i) => {
        const rule = ruleById(f.rule);
        const cookie = cookieOf(f, cookies);
        return (
          <li key={`${f.rule}:${f.cookie?.name}:${f.cookie?.domain}:${f.cookie?.path}:${i}`} class="finding" data-rule={f.rule}>
            <details>
              <summary>
                <SeverityTag severity={f.severity} />
                <span class="finding-text">
                  <span class="finding-message">{f.message}</span>
                  <span class="finding-summary">{rule?.summary ?? ''}</span>
                </span>
              </summary>
              <div class="finding-open">
                <p class="what-we-saw">
                  <strong>What we saw.</strong> {cookie ? `"${cookie.name || '(nameless)'}": ${attributesLine(cookie)}.` : f.message}
                  {f.url && ` (${f.url})`}
                </p>
                {rule && <RuleExplanation rule={rule} />}
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
