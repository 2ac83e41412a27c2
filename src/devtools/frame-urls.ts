import browser from 'webextension-polyfill';

interface Resource {
  url: string;
}

/** The parts of devtools.inspectedWindow used here; Chrome has both, Firefox only `eval`. */
export interface InspectedWindow {
  getResources?: (callback: (resources: Resource[]) => void) => Promise<Resource[]> | undefined;
  eval: (expression: string) => Promise<unknown>;
}

/**
 * What the page itself knows it loaded, for browsers without getResources (Firefox): its address, every
 * resource timing entry (scripts, images, iframes, fetches — cross-origin ones included) and iframe sources.
 * The page could lie here; the answer only widens which hosts' cookies are listed, and only http(s) URLs count.
 */
const PAGE_URLS = `[location.href, ...performance.getEntriesByType('resource').map((e) => e.name), ...Array.from(document.querySelectorAll('iframe[src]'), (f) => f.src)]`;

function httpOnly(urls: unknown): string[] {
  if (!Array.isArray(urls)) return [];
  return [...new Set(urls.filter((u): u is string => typeof u === 'string' && /^https?:/i.test(u)))];
}

/**
 * URLs of every frame and resource of the inspected page, so cookies of iframes and third-party
 * resources are listed too. Chrome's `getResources` covers all frames, cross-origin ones included;
 * Firefox has no getResources, so the page is asked through `inspectedWindow.eval`.
 */
export async function resourceUrlsOf(inspected: InspectedWindow): Promise<string[]> {
  if (typeof inspected.getResources === 'function') {
    const getResources = inspected.getResources.bind(inspected);
    const resources = await new Promise<Resource[]>((resolve) => {
      // Chrome's native `browser` takes a callback; the polyfill returns a promise. Accept whichever answers.
      const maybe = getResources(resolve);
      if (maybe && typeof maybe.then === 'function') void maybe.then(resolve, () => resolve([]));
    });
    return httpOnly(resources.map((r) => r.url));
  }
  try {
    // Firefox answers [result, exceptionInfo].
    const answer = await inspected.eval(PAGE_URLS);
    return httpOnly(Array.isArray(answer) ? answer[0] : undefined);
  } catch {
    return [];
  }
}

export function inspectedUrls(): Promise<string[]> {
  return resourceUrlsOf(browser.devtools.inspectedWindow as unknown as InspectedWindow);
}
