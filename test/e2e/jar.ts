/// <reference types="chrome" />
// The jar of the popup's scale test and `npm run bench -- popup`: the site's cookies and thousands partitioned
// under it, as a page full of embedded widgets leaves them.
import type { Session } from './harness';

export const WIDGETS = 18;
export const PER_WIDGET = 175;
export const SITE_COOKIES = 150;

/** Fills the store: `site` cookies on shop.test and WIDGETS × PER_WIDGET partitioned under it. */
export async function fillJar(session: Session, site = SITE_COOKIES, widgets = WIDGETS): Promise<void> {
  const worker = await session.worker();
  await worker.evaluate(
    async (site, widgets, perWidget) => {
      const writes: Promise<unknown>[] = [];
      // A third are session tokens sent over plain HTTP and readable by scripts: findings shared by 50 cookies.
      for (let i = 0; i < site; i++)
        writes.push(
          chrome.cookies.set(
            i % 3 === 0
              ? { url: 'https://shop.test/', name: `sessionid_${i}`, value: `${i}`.padEnd(32, 'k7Qx9Zp2'), secure: false, httpOnly: false }
              : { url: 'https://shop.test/', name: `c${i}`, value: `v${i}`, secure: true, sameSite: 'lax' },
          ),
        );
      for (let w = 0; w < widgets; w++)
        for (let i = 0; i < perWidget; i++)
          writes.push(
            chrome.cookies.set({
              url: `https://w${w}.test/`,
              name: `p${i}`,
              value: '1',
              secure: true,
              sameSite: 'no_restriction',
              partitionKey: { topLevelSite: 'https://shop.test' },
            } as chrome.cookies.SetDetails),
          );
      await Promise.all(writes);
    },
    site,
    widgets,
    PER_WIDGET,
  );
}
