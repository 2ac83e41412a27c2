// "Set by": the response whose Set-Cookie header made each cookie — the latest accepted one of the same
// name, domain and path, from this page's responses or, failing those, from earlier pages'.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';

const at = (path: string) => `https://shop.example${path}`;

describe('set by', () => {
  it('names the latest accepted header of the same name, domain and path; a rejected one never', async () => {
    const report = await analyze(
      [
        makeCookie({ name: 'sid', value: '2' }),
        makeCookie({ name: 'sid', value: '4', path: '/admin' }),
        makeCookie({ name: 'lang', value: 'en', domain: '.shop.example', hostOnly: false }),
        makeCookie({ name: 'theme', value: 'dark' }),
        makeCookie({ name: 'none', value: 'x' }),
      ],
      {
        url: at('/'),
        now: 0,
        setCookies: [
          { url: at('/one'), header: 'sid=1; Path=/' },
          { url: at('/two'), header: 'sid=2; Path=/' },
          // Rejected (SameSite=None without Secure), though the latest of this name, domain and path.
          { url: at('/three'), header: 'sid=3; Path=/; SameSite=None' },
          { url: at('/four'), header: 'sid=4; Path=/admin' },
          { url: at('/five'), header: 'lang=en; Path=/; Domain=shop.example' },
        ],
        earlierSetCookies: [
          { url: at('/earlier-1'), header: 'theme=light; Path=/' },
          { url: at('/earlier-2'), header: 'theme=dark; Path=/' },
          // The same name on another path: not this cookie.
          { url: at('/earlier-3'), header: 'theme=blue; Path=/blog' },
        ],
      },
    );
    const setBy = Object.fromEntries(report.cookies.map((c) => [`${c.name} ${c.path}`, c.setBy]));
    expect(setBy).toEqual({
      'sid /': { url: at('/two'), header: 'sid=2; Path=/' },
      'sid /admin': { url: at('/four'), header: 'sid=4; Path=/admin' },
      'lang /': { url: at('/five'), header: 'lang=en; Path=/; Domain=shop.example' },
      'theme /': { url: at('/earlier-2'), header: 'theme=dark; Path=/' },
      'none /': undefined,
    });
  });
});
