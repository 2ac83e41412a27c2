import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { cookieHost, sameCookie } from '../cookie';
import type { Severity } from '../rule';
import { RULES } from '../rules/index';
import type { AuditReport } from './audit-report';
import type { RenderOptions, ReportFormatSpec } from './format';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub code scanning's security-severity scale: high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.0', low: '3.0', info: '1.0' };

export type SarifOptions = Pick<RenderOptions, 'sarifFile'>;

/** FNV-1a, 64 bits, hex: a fingerprint that is the same for the same input on every run and machine. */
function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

const pascal = (title: string) => title.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''));

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it (and checked by Microsoft's SARIF multitool with its GitHub
 * rules): relative artifact locations with a region, stable partialFingerprints, the page as a logical
 * location, and one rule descriptor per rule and severity (`missing-secure/low`), so each result's
 * security-severity is its own. Audit errors make the run unsuccessful, with a notification each.
 */
export function toSarif(r: AuditReport, options: SarifOptions = {}): Log {
  const descriptors = new Map<string, ReportingDescriptor>();
  const descriptor = (ruleId: string, severity: Severity): string => {
    const id = `${ruleId}/${severity}`;
    if (!descriptors.has(id)) {
      const rule = RULES.find((x) => x.id === ruleId);
      descriptors.set(
        id,
        rule
          ? {
              id,
              name: `${pascal(rule.title)}${severity[0].toUpperCase()}${severity.slice(1)}`,
              shortDescription: { text: `${rule.title} (${severity})` },
              fullDescription: { text: rule.explain },
              help: { text: `${rule.why}\n\nFix: ${rule.fix}`, markdown: `${rule.why}\n\n**Fix:** ${rule.fix}` },
              helpUri: rule.references[0]?.url,
              defaultConfiguration: { level: LEVEL[severity] },
              properties: { tags: ['security', 'cookies'], 'security-severity': SECURITY_SEVERITY[severity], precision: 'high' },
            }
          : {
              id,
              name: `PolicyViolation${severity[0].toUpperCase()}${severity.slice(1)}`,
              shortDescription: { text: 'A cookie breaks a requirement of the cookie policy' },
              fullDescription: { text: 'The audit policy requires flags, lifetimes, prefixes or roles this cookie does not have.' },
              help: {
                text: 'Your cookie policy (the --policy file) requires something this cookie does not have. Change the cookie where your application sets it (the message names the requirement), or change the policy if the requirement is wrong.',
                markdown:
                  'Your cookie policy (the `--policy` file) requires something this cookie does not have. Change the cookie where your application sets it (the message names the requirement), or change the policy if the requirement is wrong.',
              },
              helpUri: 'https://github.com/cookie-lens/cookie-lens#cookie-policies',
              defaultConfiguration: { level: LEVEL[severity] },
              properties: { tags: ['security', 'cookies', 'policy'], 'security-severity': SECURITY_SEVERITY[severity], precision: 'high' },
            },
      );
    }
    return id;
  };
  const artifact = (host: string) => options.sarifFile ?? `cookie-lens/${host || 'site'}.cookies`;
  const hostOfUrl = (url: string) => {
    try {
      return new URL(url).hostname;
    } catch {
      return '';
    }
  };
  const location = (host: string, page: string | undefined, cookie?: { name: string; domain: string; path: string } | null): Location => ({
    physicalLocation: { artifactLocation: { uri: artifact(host) }, region: { startLine: 1 } },
    logicalLocations: [
      ...(cookie ? [{ name: cookie.name, fullyQualifiedName: `${cookie.domain}${cookie.path} ${cookie.name}`, kind: 'variable' }] : []),
      ...(page ? [{ name: page, kind: 'module' }] : []),
    ],
  });
  const target = r.targets[0] ?? '';
  const results: Result[] = [];
  const order: string[] = [];
  const add = (
    ruleKey: string,
    severity: Severity,
    text: string,
    host: string,
    page: string | undefined,
    cookie: { name: string; domain: string; path: string } | null,
    extra: Record<string, unknown>,
  ) => {
    const ruleId = descriptor(ruleKey, severity);
    order.push(ruleId);
    results.push({
      ruleId,
      level: LEVEL[severity],
      message: { text: page ? `${text} (seen on ${page})` : text },
      locations: [location(host, page, cookie)],
      partialFingerprints: { 'cookieLens/v1': fingerprint([ruleKey, host, cookie?.name ?? '', cookie?.path ?? '', cookie ? '' : text].join('\u0000')) },
      properties: { severity, ...extra },
    });
  };
  for (const f of r.findings) {
    const policyError = Boolean(r.policy?.errors.some((e) => e.rule === f.rule && e.message === f.message));
    const host = f.cookie ? cookieHost(f.cookie) : hostOfUrl(f.url ?? target);
    add(f.rule, policyError ? 'high' : f.severity, `${f.message} Fix: ${f.fix}`, host, f.url ?? target, f.cookie, policyError ? { policy: 'error' } : {});
  }
  for (const v of r.policy?.violations ?? []) {
    const c = r.cookies.find((x) => sameCookie(x, v.cookie));
    add('policy-violation', 'high', `${v.message}${v.reason ? ` (${v.reason})` : ''}`, cookieHost(v.cookie), c?.page ?? target, v.cookie, {
      requirement: v.requirement,
    });
  }
  const rules = [...descriptors.values()];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  for (const [i, res] of results.entries()) res.ruleIndex = index.get(order[i]);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: r.tool.name,
            version: r.tool.version,
            semanticVersion: r.tool.version,
            informationUri: 'https://github.com/cookie-lens/cookie-lens',
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: r.errors.length === 0,
            endTimeUtc: r.generatedAt,
            toolExecutionNotifications: r.errors.map((e) => ({
              level: 'error' as const,
              message: { text: `Could not audit ${e.url} (${e.stage}): ${e.message}` },
              descriptor: { id: `audit-error/${e.stage}` },
            })),
          },
        ],
        results,
      },
    ],
  };
}

export const SARIF_FORMAT: ReportFormatSpec<'sarif'> = {
  id: 'sarif',
  label: 'SARIF',
  extension: '.sarif',
  mime: 'application/sarif+json',
  audience: 'SARIF 2.1.0 for code scanning (GitHub, Azure DevOps)',
  panel: true,
  render: (report, options) => `${JSON.stringify(toSarif(report, options), null, 2)}\n`,
};
