// The GitHub Action (action.yml) as GitHub runs it: its audit step's command, with the inputs substituted,
// against a local site — outputs, SARIF for the upload step, job summary, and the exit code the last
// step fails the job with. And the README's GitLab CI example, read as YAML.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startDemo } from '../../demo/express-app.mjs';
import type { AuditReport } from '../../src/core/formats/audit-report';
import { expectMultitoolClean, expectSarifSchema, expectValidReport, markdownHtml } from '../judges';
import { CLI, ROOT } from './cli';

interface Step {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/** Runs a step's `run` as GitHub would: `${{ … }}` expressions substituted, env from the step's `env`. */
function runStep(step: Step, inputs: Record<string, string>, outputs: Record<string, string>, env: Record<string, string>) {
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      if (expr === 'github.action_path') return ROOT;
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input) return values[input[1]] ?? '';
      const output = /^steps\.audit\.outputs\.([\w-]+)$/.exec(expr);
      if (output) return outputs[output[1]] ?? '';
      throw new Error(`unexpected expression ${expr}`);
    });
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
  // Not spawnSync: the local site is served from this process and must keep answering.
  return new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn('bash', ['-c', expand(step.run ?? '')], { cwd: env.GITHUB_WORKSPACE, env: { ...process.env, ...stepEnv, ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('the GitHub Action', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('is a composite action with the documented inputs, uploading SARIF with codeql-action/upload-sarif', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['urls', 'policy', 'fail-on', 'login', 'sarif-file']));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(upload?.with?.sarif_file).toBe('${{ steps.audit.outputs.sarif }}');
    // The upload runs even when the audit found problems; the job fails after it.
    expect(upload?.if).toMatch(/always\(\)/);
    expect(action.runs.steps.at(-1)?.run).toMatch(/exit \$\{\{ steps\.audit\.outputs\.exit-code \}\}/);
  });

  it('its audit step, run against a local site: SARIF and JSON reports, a job summary, outputs, and the exit code that fails the job', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'cookie-lens-action-'));
    writeFileSync(join(workspace, 'policy.json'), JSON.stringify({ version: 1, cookies: [{ name: 'connect.sid', secure: true }] }));
    const env = {
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: join(workspace, 'output.txt'),
      GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
      RUNNER_TEMP: workspace,
      COOKIE_LENS_BIN: CLI,
    };
    const inputs = {
      urls: `${demo.url('shop.test')}\n${demo.url('app.shop.test')}`,
      policy: 'policy.json',
      'sarif-file': 'app/server.js',
      args: `--host-resolver-rules "MAP *.test 127.0.0.1" --ignore-https-errors --quiet`,
    };
    const [auditStep] = action.runs.steps;
    const run = await runStep(auditStep, inputs, {}, env);
    expect(run.status, run.stderr).toBe(0);
    const outputs = Object.fromEntries(
      readFileSync(env.GITHUB_OUTPUT, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    // fail-on defaults to high: connect.sid's highs and the policy violation fail it.
    expect(outputs['exit-code']).toBe('1');
    const report = expectValidReport<AuditReport>(readFileSync(outputs.report, 'utf8'));
    expect(report.pages).toEqual([demo.url('shop.test'), demo.url('app.shop.test')]);
    expect(report.policy?.violations.map((v) => v.requirement)).toEqual(['secure']);
    const sarif = readFileSync(outputs.sarif, 'utf8');
    expectSarifSchema(JSON.parse(sarif));
    expectMultitoolClean(sarif);
    expect(
      new Set(
        JSON.parse(sarif).runs[0].results.map(
          (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri,
        ),
      ),
    ).toEqual(new Set(['app/server.js']));
    expect(markdownHtml(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'))).toMatch(/<h1>Cookie Lens report — grade [A-F]/);
    // The last step fails the job with the audit's code.
    const last = action.runs.steps.at(-1) as Step;
    expect((await runStep(last, inputs, outputs, env)).status).toBe(1);
  });

  it('an unreachable URL makes the job fail with 3, even with fail-on empty', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'cookie-lens-action-'));
    const env = { GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: join(workspace, 'output.txt'), RUNNER_TEMP: workspace, COOKIE_LENS_BIN: CLI };
    const inputs = { urls: 'https://nowhere.test/', 'fail-on': '', args: `--host-resolver-rules "MAP nowhere.test ~NOTFOUND" --quiet` };
    expect((await runStep(action.runs.steps[0], inputs, {}, env)).status).toBe(0);
    const outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8');
    expect(outputs).toMatch(/^exit-code=3$/m);
    const sarif = JSON.parse(readFileSync(/^sarif=(.*)$/m.exec(outputs)?.[1] ?? '', 'utf8'));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });
});

describe("the README's GitLab CI example", () => {
  it('is YAML that runs the audit with --format junit and publishes that file as artifacts:reports:junit', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```yaml\n# \.gitlab-ci\.yml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const jobs = Object.values(parse(block ?? '') as Record<string, { script: string[]; artifacts: { when: string; reports: { junit: string } } }>);
    const job = jobs.find((j) => j.artifacts?.reports?.junit);
    const junit = job?.artifacts.reports.junit;
    expect(job?.script.join('\n')).toMatch(new RegExp(`cookie-lens audit .*--format junit .*--output ${junit}`));
    expect(job?.artifacts.when).toBe('always');
  });
});
