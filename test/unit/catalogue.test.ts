// The registries a contributor extends — decoders and report formats (rules have their own catalogue in
// rules.test.ts, panel views theirs in test/ui/panel-views.test.tsx) — each checked entry by entry, so a new
// entry is tested the moment it is registered, and a missing label, example or registration fails here.
import { describe, expect, it } from 'vitest';
import { auditUsage, parseAuditArgs } from '../../src/cli/audit-args';
import { DECODERS, decodeValue, formatLabel } from '../../src/core/decode/index';
import { type DecodedFormat, siblingsOf } from '../../src/core/decode/types';
import { buildAuditReport, FORMATS, formatById, REPORT_FORMATS } from '../../src/core/formats/index';
import { analyze } from '../../src/core/report';
import { makeCookie } from '../helpers';

describe('decoder catalogue (src/core/decode/index.ts)', () => {
  it('ids are unique, and no format is claimed by two decoders', () => {
    const ids = DECODERS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const formats = DECODERS.flatMap((d) => Object.keys(d.formats));
    expect(new Set(formats).size).toBe(formats.length);
  });

  for (const d of DECODERS) {
    describe(d.id, () => {
      it('labels every format it answers with, and has a matching example of each', () => {
        const formats = Object.keys(d.formats) as DecodedFormat[];
        expect(formats.length).toBeGreaterThan(0);
        for (const f of formats) {
          expect(d.formats[f]?.trim()).toBeTruthy();
          expect(formatLabel(f)).toBe(d.formats[f]);
          expect(d.examples.match.map((m) => m.format)).toContain(f);
        }
      });

      for (const m of d.examples.match)
        it(`decodes ${m.cookie.name}=${m.cookie.value.slice(0, 24)}… as ${m.format}, alone and through the whole chain`, async () => {
          const jar = siblingsOf(m.jar ?? []);
          const alone = await d.decode(m.cookie, jar);
          expect(alone?.decoded.format).toBe(m.format);
          expect(Object.keys(d.formats)).toContain(alone?.decoded.format);
          // The chain answers with the first decoder that recognises the value: this checks the registry order.
          expect((await decodeValue(m.cookie, jar))?.decoded.format).toBe(m.format);
        });

      it('answers "not this format" for its near misses', async () => {
        expect(d.examples.noMatch.length).toBeGreaterThan(0);
        for (const c of d.examples.noMatch) expect(await d.decode(c, siblingsOf([])), `${c.name}=${c.value}`).toBeNull();
      });
    });
  }
});

describe('report format catalogue (src/core/formats/index.ts)', () => {
  it('ids, labels and file extensions are unique; MIME types are type/subtype', () => {
    for (const key of ['id', 'label', 'extension'] as const) expect(new Set(FORMATS.map((f) => f[key])).size).toBe(FORMATS.length);
    for (const f of FORMATS) {
      expect(f.extension).toMatch(/^\.[a-z]+$/);
      expect(f.mime).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
      expect(f.audience.length).toBeGreaterThan(10);
      expect(formatById(f.id)).toBe(f);
    }
  });

  it('every format renders a real report (a cookie of each kind, a policy, a page error)', async () => {
    const page = await analyze([makeCookie({ name: 'connect.sid', value: 's%3Aabc.def', secure: false }), makeCookie({ name: 'theme', value: 'dark' })], {
      url: 'https://shop.example/',
    });
    const report = buildAuditReport({
      tool: { name: 'cookie-lens', version: '1.2.3' },
      generatedAt: '2026-12-01T12:00:00.000Z',
      targets: ['https://shop.example/'],
      reports: [page],
      errors: [{ url: 'https://down.example/', stage: 'load', message: 'refused' }],
      policy: { file: 'policy.json', policy: { version: 1, cookies: [{ name: 'connect.sid', secure: true }] } },
    });
    for (const f of FORMATS) {
      const text = f.render(report, { failOn: 'high' });
      expect(text, f.id).toContain('connect.sid');
      expect(text, f.id).toContain('down.example');
    }
  });

  it('the CLI accepts every registered format, names them all in its usage and its error, and refuses others', () => {
    for (const id of REPORT_FORMATS) expect(parseAuditArgs(['--format', id, 'https://shop.example/']).format).toBe(id);
    const usage = auditUsage();
    for (const id of REPORT_FORMATS) expect(usage).toContain(id);
    expect(() => parseAuditArgs(['--format', 'xml', 'https://shop.example/'])).toThrow(new RegExp(`one of ${REPORT_FORMATS.join(', ')}`));
  });
});
