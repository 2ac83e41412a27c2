import { useEffect, useState } from 'preact/hooks';
import { onEvent, request } from '../../messages';
import type { TabResponses } from '../../protocol';
import { coalesce } from '../coalesce';

/** The worker's response log of a tab (webRequest), refreshed when it grows, at most four times a second. */
export function useResponseLog(tabId: number): TabResponses | undefined {
  const [log, setLog] = useState<TabResponses>();
  useEffect(() => {
    let alive = true;
    const refresh = coalesce(async () => {
      const next = await request('getResponses', { tabId }).catch(() => undefined);
      if (alive && next) setLog(next);
    }, 250);
    void refresh.run();
    const off = onEvent('responsesAppended', (e) => {
      if (e.tabId === tabId) refresh.soon();
    });
    return () => {
      alive = false;
      refresh.stop();
      off();
    };
  }, [tabId]);
  return log;
}
