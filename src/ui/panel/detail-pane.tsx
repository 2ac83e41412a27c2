import { useEffect, useRef } from 'preact/hooks';
import type { AnalyzedCookie } from '../../core/analyzed';
import { sameSiteLabel } from '../../core/cookie';
import { formatLabel } from '../../core/decode/index';
import type { PolicyViolation } from '../../core/policy';
import type { Finding } from '../../core/rule';
import { relativeTime } from '../../core/rule-helpers';
import { ruleById } from '../../core/rules/index';
import { MAX_NAME_VALUE_BYTES } from '../../core/set-cookie';
import { storeLabel } from '../../platform';
import { SeverityTag, TypeBadges } from '../badges';
import { formatPartition, localDateTime } from '../format';
import { RuleExplanation } from '../rule-explanation';
import { JsonTree } from './json-tree';

export const PURPOSE_LABEL: Record<AnalyzedCookie['purpose'], string> = {
  necessary: 'Necessary',
  functional: 'Functional',
  preference: 'Preference',
  analytics: 'Analytics',
  advertising: 'Advertising',
  consent: 'Consent record',
  security: 'Security',
  unknown: 'Purpose unknown',
};

const SOURCE_LABEL: Record<NonNullable<AnalyzedCookie['source']>, string> = {
  framework: 'the framework’s own documentation',
  'cookie-lens': 'Cookie Lens’s corrections',
  'open-cookie-database': 'the Open Cookie Database',
  'third-party-web': 'third-party-web',
};

function FindingDetail({ f, cookie }: { f: Finding; cookie: AnalyzedCookie }) {
  const rule = ruleById(f.rule);
  return (
    <details class="finding-detail" data-rule={f.rule} open={f.severity === 'high'}>
      <summary>
        <SeverityTag severity={f.severity} /> <span class="finding-message">{f.message}</span>
      </summary>
      {rule && <RuleExplanation rule={rule} cookie={cookie} />}
      <p class="rule-id">Rule: {f.rule}</p>
    </details>
  );
}

interface Props {
  cookie: AnalyzedCookie;
  findings: readonly Finding[];
  /** What the active policy says about this cookie. */
  violations?: readonly PolicyViolation[];
  now: number;
  /** Changes when the pane should take the focus (Enter on the cookie's row). */
  focusRequest?: number;
  onEdit(): void;
  onDelete(): void;
  onCopy(text: string, what: string): void;
}

export function DetailPane({ cookie: c, findings, violations, now, focusRequest, onEdit, onDelete, onCopy }: Props) {
  const pane = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusRequest) pane.current?.focus();
  }, [focusRequest]);
  const d = c.decoded;
  const expires = c.expirationDate === undefined ? null : c.expirationDate * 1000;
  const sizeShare = Math.min(100, (c.size / MAX_NAME_VALUE_BYTES) * 100);
  return (
    <aside ref={pane} class="detail" aria-label={`Details of cookie ${c.name}`} tabIndex={-1}>
      <header class="detail-head">
        <h2 class="detail-name">{c.name || '(nameless)'}</h2>
        <TypeBadges cookie={c} />
        <span class="detail-role">
          {c.role}
          {c.framework ? ` · ${c.framework}` : ''}
          {c.sessionStorage ? ` · session data ${c.sessionStorage === 'client' ? 'in the cookie' : 'on the server'}` : ''}
        </span>
        <span class="detail-actions">
          <button type="button" onClick={() => onCopy(c.value, 'value')}>
            Copy value
          </button>
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" onClick={onDelete}>
            Delete
          </button>
        </span>
      </header>

      <section data-testid="what-it-is">
        <h3>What it is</h3>
        <p>
          <strong class={`purpose purpose-${c.purpose}`}>{PURPOSE_LABEL[c.purpose]}</strong>
          {c.platform && <> · {c.platform}</>}
          {c.retention && <span class="muted"> · kept {c.retention}</span>}
        </p>
        {c.description && <p class="purpose-description">{c.description}</p>}
        <p class="muted role-evidence">
          Role <strong>{c.role}</strong> ({c.roleEvidence.certainty}): {c.roleEvidence.reason}.{c.source && ` Source: ${SOURCE_LABEL[c.source]}.`}
        </p>
        {c.privacyLink && (
          <p>
            <a href={c.privacyLink} target="_blank" rel="noreferrer noopener">
              {c.platform ?? 'The platform'}’s privacy policy
            </a>
          </p>
        )}
      </section>

      <section>
        <h3>Value</h3>
        <pre class="raw-value" data-testid="raw-value">
          {c.value}
        </pre>
        <div class="size" title={`${c.size} of ${MAX_NAME_VALUE_BYTES} bytes`}>
          <span class="size-bar" style={{ width: `${sizeShare}%` }} />
          <span class="size-text">
            {c.size} / {MAX_NAME_VALUE_BYTES} bytes (name + value)
          </span>
        </div>
      </section>

      {d && (
        <section data-testid="decoded">
          <h3>Decoded: {formatLabel(d.format)}</h3>
          {d.knownSecret !== undefined && (
            <p class="secret-warning" role="alert">
              Signed with the publicly known secret <code>{JSON.stringify(d.knownSecret)}</code>: anyone can forge this cookie.
            </p>
          )}
          {d.encrypted && <p class="muted">Encrypted: the contents cannot be read without the server's key.</p>}
          {d.storage === 'server' && <p class="muted">An opaque id: the session data lives on the server.</p>}
          {c.entropyBits !== undefined && <p class="muted">Estimated randomness of the id: {c.entropyBits} bits (OWASP minimum 64).</p>}
          {(d.issuedAt !== undefined || d.expiresAt !== undefined) && (
            <p class="muted">
              {d.issuedAt !== undefined && `Issued ${localDateTime(d.issuedAt, true)} (${relativeTime(d.issuedAt, now)}). `}
              {d.expiresAt !== undefined && `Token expires ${localDateTime(d.expiresAt, true)} (${relativeTime(d.expiresAt, now)}).`}
            </p>
          )}
          {d.notes?.map((n) => (
            <p key={n} class="muted decoded-note">
              {n}
            </p>
          ))}
          {d.payload !== undefined && (typeof d.payload === 'object' && d.payload !== null ? <JsonTree value={d.payload} /> : <pre>{String(d.payload)}</pre>)}
        </section>
      )}

      <section>
        <h3>Attributes</h3>
        <dl class="attributes">
          <dt>Domain</dt>
          <dd>
            {c.domain} {c.hostOnly ? '(host-only)' : '(this domain and its subdomains)'}
          </dd>
          <dt>Path</dt>
          <dd>{c.path}</dd>
          <dt>Expires</dt>
          <dd data-testid="expires">
            {expires === null ? 'When the browser session ends' : `${localDateTime(expires, true)} (${relativeTime(expires, now)})`}
          </dd>
          <dt>SameSite</dt>
          <dd>{sameSiteLabel(c.sameSite) || 'not set (Chrome and Edge treat it as Lax; Firefox and Safari send it on cross-site requests too)'}</dd>
          <dt>Flags</dt>
          <dd>{[c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.partitioned && 'Partitioned'].filter(Boolean).join(', ') || 'none'}</dd>
          {c.partitioned && (
            <>
              <dt>Partition</dt>
              <dd>{formatPartition(c)}</dd>
            </>
          )}
          <dt>Store</dt>
          <dd>{storeLabel(c.storeId, c.container)}</dd>
        </dl>
      </section>

      <section data-testid="set-by">
        <h3>Set by</h3>
        {c.setBy ? (
          <>
            <p class="set-by-url">{c.setBy.url}</p>
            <pre class="set-by-header">Set-Cookie: {c.setBy.header}</pre>
          </>
        ) : (
          <p class="muted">
            No response of this tab that Cookie Lens saw set it: a script set it (document.cookie), or it was set before the tab was opened or Cookie Lens was
            started.
          </p>
        )}
      </section>

      {violations && violations.length > 0 && (
        <section data-testid="policy-violations">
          <h3>Policy violations ({violations.length})</h3>
          <ul class="violations">
            {violations.map((v) => (
              <li key={v.requirement}>
                ✗ {v.message}
                {v.reason && <span class="muted"> ({v.reason})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section>
        <h3>Findings ({findings.length})</h3>
        {findings.length === 0 ? <p class="muted">Nothing to report.</p> : findings.map((f) => <FindingDetail key={f.rule} f={f} cookie={c} />)}
      </section>
    </aside>
  );
}
