// Its own file: the cookie database has no descriptions until a full report asks for them, once per context.
import { expect, it } from 'vitest';
import { AnalysisCache } from '../../src/core/analysis-cache';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';

it("a cookie the badge's cache classified without the database's words is classified again for a report that wants them", async () => {
  const cache = new AnalysisCache();
  const jar = [makeCookie({ name: '_ga', value: 'GA1.1.123.456', domain: '.shop.example' })];
  const lean = await analyze(jar, { url: 'https://shop.example/', descriptions: false, cache });
  expect(lean.cookies[0]).toMatchObject({ source: 'open-cookie-database', description: undefined });
  const full = await analyze(jar, { url: 'https://shop.example/', cache });
  expect(full.cookies[0].description).toMatch(/\w{4}/);
  expect(cache.counts).toMatchObject({ decodeHits: 1, describeHits: 0, describeMisses: 2 });
});
