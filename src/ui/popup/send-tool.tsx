import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AnalyzedCookie } from '../../core/analyzed';
import { refKey } from '../../core/cookie';
import { sendDecision } from '../../core/send';
import { siteOf } from '../../core/site';

interface Props {
  cookies: readonly AnalyzedCookie[];
  pageUrl: string;
  /** Preselected cookie (picked in the Cookies tab). */
  pickedKey?: string;
}

/**
 * "Would this cookie be sent?": the engine's jar rules (RFC 6265bis retrieval and SameSite enforcement)
 * applied to a request the learner describes.
 */
export function SendTool({ cookies, pageUrl, pickedKey }: Props) {
  const keys = useMemo(() => cookies.map(refKey), [cookies]);
  const [key, setKey] = useState(pickedKey ?? keys[0]);
  const [url, setUrl] = useState(pageUrl);
  const [origin, setOrigin] = useState<'same' | 'cross'>('cross');
  const [kind, setKind] = useState<'top' | 'sub'>('top');
  const [method, setMethod] = useState('POST');
  useEffect(() => {
    if (pickedKey) setKey(pickedKey);
  }, [pickedKey]);
  const cookie = cookies[Math.max(0, keys.indexOf(key ?? ''))];
  if (!cookie) return null;

  const pageSite = (() => {
    try {
      const u = new URL(pageUrl);
      return `${u.protocol}//${siteOf(u.hostname)}`;
    } catch {
      return undefined;
    }
  })();
  // The request's own site, when the address is one: anything else gets no verdict, only a hint.
  const target = (() => {
    try {
      const u = new URL(url.trim());
      return /^https?:$/.test(u.protocol) ? u : undefined;
    } catch {
      return undefined;
    }
  })();
  const pageHost = pageSite ? new URL(pageSite).hostname : '';
  const toOtherSite = target !== undefined && siteOf(target.hostname) !== pageHost;
  // Same-site or cross-site is a fact about the two sites, not a choice: from this site to another is cross-site.
  const crossSite = origin === 'cross' || toOtherSite;
  // A cross-site subresource runs inside another site's page, so that site is the top-level one.
  const topLevelSite = origin === 'cross' && kind === 'sub' ? 'https://another-site.example' : pageSite;
  const decision = target ? sendDecision(cookie, { url: target.href, crossSite, topLevel: kind === 'top', method, topLevelSite }, Date.now()) : undefined;

  return (
    <section class="send-tool" aria-label="Would this cookie be sent?">
      <h3>Would this cookie be sent?</h3>
      <p class="muted">Describe a request; the answer comes from the same rules browsers apply (RFC 6265bis).</p>
      {decision ? (
        <div class={`verdict ${decision.sent ? 'sent' : 'not-sent'}`} role="status" data-testid="send-verdict">
          <strong>{decision.sent ? `✓ "${cookie.name}" is sent` : `✗ "${cookie.name}" is not sent`}</strong>
          <ul>
            {origin === 'same' && toOtherSite && target && (
              <li>
                A request from {pageHost} to {target.hostname} is cross-site: {siteOf(target.hostname)} is another site, whoever starts it.
              </li>
            )}
            {decision.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div class="verdict" role="status" data-testid="send-verdict">
          <strong>Type an address</strong>, like https://{pageHost || 'shop.example'}/account: "{url}" is not an http or https URL.
        </div>
      )}
      <label>
        Cookie
        <select value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)} name="cookie">
          {cookies.map((c, i) => (
            <option key={keys[i]} value={keys[i]}>
              {c.name || '(nameless)'} — {c.domain}
              {c.path !== '/' ? c.path : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Request URL
        <input name="url" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
      </label>
      <fieldset>
        <legend>Who starts the request</legend>
        <label class="check">
          <input type="radio" name="origin" checked={origin === 'same'} onChange={() => setOrigin('same')} /> a page of this site ({pageHost})
        </label>
        <label class="check">
          <input type="radio" name="origin" checked={origin === 'cross'} onChange={() => setOrigin('cross')} /> a page of another site
        </label>
      </fieldset>
      <fieldset>
        <legend>What kind of request</legend>
        <label class="check">
          <input type="radio" name="kind" checked={kind === 'top'} onChange={() => setKind('top')} /> top-level navigation (link, form)
        </label>
        <label class="check">
          <input type="radio" name="kind" checked={kind === 'sub'} onChange={() => setKind('sub')} /> subresource (image, fetch, iframe)
        </label>
      </fieldset>
      <label>
        Method
        <select name="method" value={method} onChange={(e) => setMethod((e.target as HTMLSelectElement).value)}>
          {['GET', 'POST', 'PUT', 'DELETE', 'HEAD'].map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
    </section>
  );
}
