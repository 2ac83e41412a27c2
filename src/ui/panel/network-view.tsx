import { useEffect, useMemo, useState } from 'preact/hooks';
import { parseSetCookie, type SetCookieResult } from '../../core/set-cookie';
import { request } from '../../messages';
import type { SetCookieSeen } from './use-network-log';

export type Status = { kind: 'stored' } | { kind: 'deleted' } | { kind: 'rejected'; reason: string } | { kind: 'missing'; reason: string };

/**
 * What each Set-Cookie asked for against what the browser did: the engine's storage model says whether
 * it should be stored and why not; the browser's cookie store says whether it is there now.
 */
export function statusOf(verdict: SetCookieResult, inStore: boolean | undefined): Status {
  if (!verdict.accepted) return { kind: 'rejected', reason: verdict.reason };
  if (verdict.expired) return { kind: 'deleted' };
  if (inStore !== false) return { kind: 'stored' };
  return {
    kind: 'missing',
    reason: verdict.partitioned
      ? 'Valid, but not in the store: kept in another partition, or removed since.'
      : 'Valid by the cookie rules, but not in the store: blocked by the browser (third-party cookie blocking, user settings) or removed since.',
  };
}

const LABEL: Record<Status['kind'], string> = { stored: 'stored', deleted: 'deletes the cookie', rejected: 'rejected', missing: 'not stored' };

export function NetworkView({ log, storeId, version, standalone }: { log: readonly SetCookieSeen[]; storeId?: string; version: number; standalone?: boolean }) {
  const verdicts = useMemo(() => log.map((s) => parseSetCookie(s.header, s.url, s.time || Date.now())), [log]);
  const [inStore, setInStore] = useState<boolean[]>([]);
  useEffect(() => {
    const refs = verdicts.map((v) => (v.accepted ? { name: v.cookie.name, domain: v.cookie.domain, path: v.cookie.path } : { name: '', domain: '', path: '' }));
    let alive = true;
    void request('findCookies', { refs, storeId }).then((found) => alive && setInStore(found));
    return () => {
      alive = false;
    };
  }, [verdicts, storeId, version]);

  if (standalone) {
    return <p class="empty">The network log comes from DevTools: open Cookie Lens in DevTools to see the Set-Cookie headers of each response.</p>;
  }
  if (log.length === 0) {
    return <p class="empty">No Set-Cookie headers seen yet. DevTools only records requests made while it is open: reload the page to see them.</p>;
  }
  return (
    <section class="network" aria-label="Set-Cookie headers received">
      <table class="network-table">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Response</th>
            <th scope="col">Set-Cookie</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {log.map((s, i) => {
            const status = statusOf(verdicts[i], inStore[i]);
            return (
              <tr key={`${i}:${s.url}`} data-status={status.kind} class={`status-${status.kind}`}>
                <td class="nowrap">{LABEL[status.kind]}</td>
                <td class="url-cell" title={s.url}>
                  {s.url}
                </td>
                <td class="header-cell">{s.header}</td>
                <td class="reason-cell">{'reason' in status ? status.reason : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
