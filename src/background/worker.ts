// Listeners are registered synchronously at the top level so the browser can wake the worker for them.
import browser from 'webextension-polyfill';
import { type Cookie, freezeCookie, namePathKey, refKey } from '../core/cookie';
import { sitesOf } from '../core/site';
import type { ChangeCause } from '../core/timeline';
import { emit, serveEvents, serveRequests } from '../messages';
import { platform } from '../platform';
import { BadgeScheduler, forgetBadge } from './badge';
import { deleteCookie, restoreCookies, writeCookies } from './cookie-writes';
import { cancelImport, importCookies } from './import';
import { forgetTabStorage, pageReport, provideFirstSeen, siteCookies, storeIndex } from './page-report';
import { currentPolicy, savePolicy } from './policy-store';
import { listProfiles } from './profile-store';
import { deleteProfile, exportProfile, importProfile, saveProfile, switchProfile } from './profiles';
import { type ResponseDetails, responseLog } from './responses';
import { allStoreCookies } from './store-cookies';
import { TimelineStore } from './timeline-store';
import { writeTabStorage } from './web-storage';

const timeline = new TimelineStore(browser.storage.local, undefined, ({ cookies, ...seqs }) =>
  emit('timelineAppended', { ...seqs, domains: [...new Set(cookies.map((c) => c.domain))], sites: sitesOf(cookies) }),
);
serveEvents();
const badges = new BadgeScheduler();
// The first creation of each cookie the timeline kept, for the "set before consent" mark.
provideFirstSeen(async (keys) => {
  const first = new Map<string, number>();
  for (const e of (await timeline.read()).entries) {
    if (e.removed) continue;
    const key = refKey(e.cookie);
    if (keys.has(key) && !first.has(key)) first.set(key, e.time);
  }
  return first;
});
// Changes made while no worker listened (browser closed, worker stopped mid-storm) are found and marked.
void timeline.start(allStoreCookies);

browser.cookies.onChanged.addListener((info) => {
  // Frozen: what the browser reported is never changed, and its key is worked out once.
  const cookie = freezeCookie(info.cookie);
  storeIndex.changed({ removed: info.removed, cookie });
  timeline.record({ time: Date.now(), cause: info.cause as ChangeCause, removed: info.removed, cookie });
  badges.cookieChanged(cookie);
});
// Where the browser says it is about to stop the worker (Firefox's event pages), write everything now.
browser.runtime.onSuspend?.addListener(() => void timeline.suspend());

browser.tabs.onActivated.addListener(({ tabId }) => badges.tabChanged(tabId));
const tabUpdated = (tabId: number, change: browser.Tabs.OnUpdatedChangeInfoType) => {
  if (change.status === 'loading' || change.url) {
    forgetBadge(tabId);
    forgetTabStorage(tabId);
  }
  if (change.status === 'complete') badges.tabChanged(tabId);
};
const { tabUpdateFilter } = platform();
if (tabUpdateFilter) browser.tabs.onUpdated.addListener(tabUpdated, tabUpdateFilter as browser.Tabs.UpdateFilter);
else browser.tabs.onUpdated.addListener(tabUpdated);
browser.tabs.onRemoved.addListener((tabId) => {
  forgetBadge(tabId);
  forgetTabStorage(tabId);
  void responseLog.forget(tabId);
});
// Observing only: never blocking, never changing a request (no 'blocking' option).
browser.webRequest.onHeadersReceived.addListener(
  (details) => {
    responseLog.observe(details as ResponseDetails);
    return undefined;
  },
  { urls: ['<all_urls>'] },
  platform().responseHeaderOptions as browser.WebRequest.OnHeadersReceivedOptions[],
);

serveRequests({
  getReport: ({ tabId, ...request }) => pageReport(tabId, request),
  async setCookies({ cookies, replace }) {
    for (const old of replace ?? []) await deleteCookie(old);
    const result = await writeCookies(cookies);
    // A failed edit puts the cookie it was replacing back (unless the page has set it again since).
    if (result.errors.length && replace?.length) await restoreCookies(replace);
    return result;
  },
  importCookies: (params) => importCookies(params),
  cancelImport: async ({ id }) => ({ cancelled: cancelImport(id) }),
  restoreCookies: ({ cookies }) => restoreCookies(cookies),
  async findCookies({ refs, storeId }) {
    const all = storeId ? await storeIndex.all(storeId) : await allStoreCookies();
    const held = new Set(all.filter((c) => !storeId || c.storeId === storeId).map(namePathKey));
    return refs.map((r) => held.has(namePathKey(r)));
  },
  getPolicy: () => currentPolicy(),
  async setPolicy({ text }) {
    const { errors, policy } = await savePolicy(text);
    if (errors.length === 0) {
      emit('policyChanged', { name: policy?.name });
      badges.refreshActive();
    }
    return { errors };
  },
  siteCookies: ({ site, storeId }) => siteCookies(site, storeId ?? platform().defaultStoreId),
  async removeCookies({ cookies }) {
    const removed: Cookie[] = [];
    for (const c of cookies) if (await deleteCookie(c)) removed.push(c);
    return { removed };
  },
  getTimeline: ({ afterSeq }) => timeline.read(afterSeq),
  getResponses: ({ tabId }) => responseLog.forTab(tabId),
  writeStorage: ({ tabId, op }) => writeTabStorage(tabId, op),
  listProfiles: ({ site }) => listProfiles(site),
  saveProfile: ({ tabId, name }) => saveProfile(tabId, name),
  switchProfile: ({ tabId, name }) => switchProfile(tabId, name),
  async deleteProfile({ site, name }) {
    await deleteProfile(site, name);
    return {};
  },
  exportProfile: async ({ site, name, passphrase }) => ({ text: await exportProfile(site, name, passphrase) }),
  importProfile: ({ text, passphrase }) => importProfile(text, passphrase),
});
