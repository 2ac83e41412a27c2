import type { Finding } from '../core/rule';
import { ruleById } from '../core/rules/index';
import { SeverityTag } from './badges';

/** Findings, worst first, each with the one-line explanation from its rule file. */
export function FindingList({ findings, empty }: { findings: readonly Finding[]; empty: string }) {
  if (findings.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ul class="findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={`${f.rule}:${f.cookie?.name}:${f.cookie?.domain}:${f.cookie?.path}:${i}`} class="finding" data-rule={f.rule}>
          <SeverityTag severity={f.severity} />
          <span class="finding-text">
            <span class="finding-message">{f.message}</span>
            <span class="finding-summary">{ruleById(f.rule)?.summary ?? ''}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
