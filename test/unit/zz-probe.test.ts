import { it } from 'vitest';
import { classify } from '../../src/core/classify';
import { loadCookieDb } from '../../src/core/data/cookie-db';

it('x', async () => {
  const db = await loadCookieDb();
  for (const [n, v, d] of (process.env.COOKIES ?? '').split(';').map((x) => x.split(',')))
    console.log(n, JSON.stringify(classify({ name: n, value: v ?? 'v', domain: d ?? 'shop.example' }, undefined, { db, pageUrl: 'https://shop.example/' })));
});
