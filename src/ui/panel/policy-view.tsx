import { useEffect, useState } from 'preact/hooks';
import { violationKey } from '../../core/policy';
import { request } from '../../messages';
import type { PagePolicy } from '../../protocol';
import { FileButton } from './file-button';

const EXAMPLE = `{
  "version": 1,
  "name": "Sessions locked down",
  "cookies": [
    { "role": ["session", "auth"], "secure": true, "httpOnly": true, "sameSite": ["Lax", "Strict"], "maxLifetime": 28800 },
    { "role": "csrf", "secure": true }
  ],
  "rules": { "weak-secret": "error", "default-session-name": "ignore" },
  "allow": [{ "name": "_ga*", "reason": "Analytics, covered by consent" }]
}`;

/**
 * The policy the extension checks every page against (the same file `cookie-lens audit --policy` reads):
 * paste or load it, see its problems before it is saved, and this page's violations.
 */
export function PolicyView({ pagePolicy }: { pagePolicy?: PagePolicy }) {
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    void request('getPolicy', {}).then((p) => {
      setText(p.text ?? '');
      setSaved(p.text ?? '');
    });
  }, []);
  const save = async (value: string) => {
    const r = await request('setPolicy', { text: value });
    setErrors(r.errors);
    if (r.errors.length === 0) {
      setSaved(value);
      setStatus(value.trim() ? 'Policy saved: every page is now checked against it.' : 'Policy removed.');
    } else setStatus(undefined);
  };
  return (
    <section class="policy" aria-label="Cookie policy">
      <div class="subbar">
        <button type="button" onClick={() => void save(text)} disabled={text === saved}>
          Save policy
        </button>
        <button type="button" onClick={() => setText(EXAMPLE)}>
          Insert example
        </button>
        <FileButton accept=".json,application/json" label="Load a policy file" onFile={(file) => void file.text().then(setText)}>
          Load file…
        </FileButton>
        <button
          type="button"
          onClick={() => {
            setText('');
            void save('');
          }}
          disabled={saved === ''}
        >
          Remove policy
        </button>
        {status && (
          <span class="muted" role="status">
            {status}
          </span>
        )}
      </div>
      <div class="policy-body">
        <textarea
          class="policy-text"
          aria-label="Policy (JSON)"
          spellcheck={false}
          value={text}
          placeholder="Paste a policy (JSON, see schemas/policy.schema.json) or insert the example."
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        <div class="policy-side">
          {errors.length > 0 && (
            <>
              <h3>Not saved: the policy has problems</h3>
              <ul class="import-errors" role="alert">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </>
          )}
          {pagePolicy && (
            <>
              <h3>
                This page:{' '}
                {pagePolicy.violations.length + pagePolicy.errors.length === 0
                  ? 'passes'
                  : `${pagePolicy.violations.length + pagePolicy.errors.length} problems`}
              </h3>
              <ul class="violations" data-testid="violations">
                {pagePolicy.violations.map((v) => (
                  <li key={violationKey(v)}>
                    ✗ {v.message}
                    {v.reason && <span class="muted"> ({v.reason})</span>}
                  </li>
                ))}
                {pagePolicy.errors.map((f) => (
                  <li key={`${f.rule}|${f.message}`}>
                    ✗ {f.rule} is an error under this policy: {f.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {!pagePolicy && saved === '' && <p class="muted">No policy yet: findings follow Cookie Lens' defaults.</p>}
        </div>
      </div>
    </section>
  );
}
