import browser from 'webextension-polyfill';

interface Resource {
  url: string;
}

type GetResources = (callback: (resources: Resource[]) => void) => Promise<Resource[]> | undefined;

/**
 * URLs of every frame and resource of the inspected page, so cookies of iframes and third-party
 * resources are listed too. `getResources` covers all frames, cross-origin ones included.
 */
export async function inspectedUrls(): Promise<string[]> {
  const inspected = browser.devtools.inspectedWindow as unknown as { getResources: GetResources };
  const resources = await new Promise<Resource[]>((resolve) => {
    // Chrome's native `browser` takes a callback; the polyfill returns a promise. Accept whichever answers.
    const maybe = inspected.getResources(resolve);
    if (maybe && typeof maybe.then === 'function') void maybe.then(resolve, () => resolve([]));
  });
  return [...new Set(resources.map((r) => r.url).filter((u) => /^https?:/i.test(u)))];
}
