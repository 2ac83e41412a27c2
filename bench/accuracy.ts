// `npm run accuracy`: how often Cookie Lens is right on real input, printed as figures.
//  1. The real-world corpus (test/fixtures/real-headers): findings per rule and severity, false alarms,
//     misses — and the same counts for OWASP ZAP's passive cookie rules applied by their documented logic.
//  2. The Open Cookie Database: tracking and login precision and recall.
// The judgements (which cookie is a login, a tracker…, which findings are right) are in judgements.json.
import { databaseAccuracy } from '../test/fixtures/cookie-db-accuracy';
import { judge, judgementOf, replay, SITES } from '../test/fixtures/real-headers/corpus';
import { zapAlerts } from '../test/fixtures/real-headers/zap';

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
const pad = (s: string | number, n: number) => String(s).padEnd(n);

const results = await Promise.all(SITES.map(replay));
const judged = judge(results);
const headers = SITES.reduce((n, s) => n + s.headers.length, 0);
const cookies = results.reduce((n, r) => n + r.report.cookies.length, 0);

console.log(`Real-world corpus: ${SITES.length} page visits, ${headers} Set-Cookie headers, ${cookies} stored cookies, every one judged.\n`);
console.log('Cookie Lens findings per rule and severity');
const perRule = new Map<string, Record<string, number>>();
for (const { report } of results) {
  for (const f of report.findings) {
    const row = perRule.get(f.rule) ?? {};
    row[f.severity] = (row[f.severity] ?? 0) + 1;
    perRule.set(f.rule, row);
  }
}
console.log(`  ${pad('rule', 30)}${pad('high', 7)}${pad('medium', 8)}${pad('low', 7)}info`);
for (const [rule, row] of [...perRule].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`  ${pad(rule, 30)}${pad(row.high ?? 0, 7)}${pad(row.medium ?? 0, 8)}${pad(row.low ?? 0, 7)}${row.info ?? 0}`);
}
const alarms = judged.trueAlarms.length + judged.falseAlarms.length;
const highs = [...judged.trueAlarms, ...judged.falseAlarms].filter((a) => a.finding.severity === 'high');
const falseHighs = judged.falseAlarms.filter((a) => a.finding.severity === 'high');
console.log(`\n  high/medium findings: ${alarms}, false alarms: ${judged.falseAlarms.length} (${pct(judged.falseAlarms.length, alarms)})`);
console.log(`  high findings: ${highs.length}, false: ${falseHighs.length} (${pct(falseHighs.length, highs.length)})`);
for (const a of judged.falseAlarms) console.log(`    false alarm: ${a.page} ${a.finding.rule} (${a.finding.severity}) ${a.finding.message}`);
console.log(
  `  flag problems of the sites' own logins (missing Secure/HttpOnly/SameSite, SameSite=None): ${judged.credentialFlagProblems}, flagged at medium or high: ${judged.credentialFlagProblems - judged.missed.length} (${pct(judged.credentialFlagProblems - judged.missed.length, judged.credentialFlagProblems)}), missed: ${judged.missed.length}`,
);

const ratio = (pred: (r: (typeof judged.roles)[number]) => boolean, truth: (r: (typeof judged.roles)[number]) => boolean) => {
  const said = judged.roles.filter(pred);
  const real = judged.roles.filter(truth);
  return `precision ${pct(said.filter(truth).length, said.length)} (${said.filter(truth).length}/${said.length}), recall ${pct(real.filter(pred).length, real.length)} (${real.filter(pred).length}/${real.length})`;
};
const login = (s: string) => s === 'session' || s === 'auth';
console.log(
  `  tracking cookies: ${ratio(
    (r) => r.given === 'tracking',
    (r) => r.judged === 'tracking',
  )}`,
);
console.log(
  `  login cookies:    ${ratio(
    (r) => login(r.given),
    (r) => login(r.judged),
  )}`,
);

console.log('\nOWASP ZAP passive cookie rules on the same headers (each alert once per page and cookie)');
let zapTotal = 0;
let zapRight = 0;
const zapRows = new Map<string, { all: number; right: number }>();
for (const { site } of results) {
  for (const a of zapAlerts(site, Date.parse(site.captured))) {
    const j = judgementOf(site.page, a.name);
    // A flag alert is right on a login; on anything else the flag protects nothing (the same yardstick as above).
    const right = a.rule !== '90033' && j !== undefined && login(j.role);
    const row = zapRows.get(a.rule) ?? { all: 0, right: 0 };
    row.all++;
    if (right) row.right++;
    zapRows.set(a.rule, row);
    if (a.rule !== '90033') {
      zapTotal++;
      if (right) zapRight++;
    }
  }
}
const ZAP_NAMES: Record<string, string> = {
  '10010': 'Cookie No HttpOnly Flag (Low)',
  '10011': 'Cookie Without Secure Flag (Low)',
  '10054': 'Cookie without SameSite Attribute (Low)',
  '90033': 'Loosely Scoped Cookie (Informational)',
};
for (const [rule, row] of [...zapRows].sort()) console.log(`  ${rule} ${pad(ZAP_NAMES[rule], 42)} alerts ${pad(row.all, 6)} on logins ${row.right}`);
console.log(`  flag alerts: ${zapTotal}, false alarms (on cookies that are not logins): ${zapTotal - zapRight} (${pct(zapTotal - zapRight, zapTotal)})`);
console.log(
  `  → Cookie Lens raises ${alarms} high/medium findings with ${judged.falseAlarms.length} false; ZAP raises ${zapTotal} flag alerts with ${zapTotal - zapRight} false.`,
);

const db = await databaseAccuracy();
console.log(`\nOpen Cookie Database: ${db.entries} entries, each as a first-party cookie on its own domain (${db.corrected} corrected by Cookie Lens)`);
const s = (x: typeof db.tracking) =>
  `precision ${pct(x.truePositives, x.truePositives + x.falsePositives)}, recall ${pct(x.truePositives, x.truePositives + x.falseNegatives)} (${x.truePositives} right, ${x.falsePositives} wrong, ${x.falseNegatives} missed)`;
console.log(`  tracking (Analytics, Marketing): ${s(db.tracking)}`);
console.log(`  logins (session, auth):          ${s(db.login)}`);
console.log(`  tracking cookies missed: ${db.missedTracking.join(', ')}`);
console.log(`  logins missed: ${db.missedLogins.join(', ')}`);
