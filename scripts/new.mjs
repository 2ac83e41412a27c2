#!/usr/bin/env node
// `npm run new -- rule <id>` | `decoder <id>` | `format <id>`: writes the new file from a template that
// already passes the catalogue tests (its examples are real, its text says what to replace) and registers
// it — the one registry line, and for a decoder its format id in DecodedFormat. For a rule it then runs
// `npm run docs` so the README's rule table and the policy schema's rule ids include it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const [kind, id] = process.argv.slice(2);
const USAGE = 'usage: npm run new -- rule|decoder|format <id>   (id in kebab-case, e.g. cookie-too-wide)';

function fail(message) {
  console.error(`npm run new: ${message}\n${USAGE}`);
  process.exit(2);
}

if (!['rule', 'decoder', 'format'].includes(kind)) fail(kind ? `unknown kind "${kind}"` : 'say what to add');
if (!id || !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) fail(id ? `"${id}" is not a kebab-case id` : 'give the new id');
const camel = id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const constant = `${id
  .replace(/-format$/, '')
  .replace(/-/g, '_')
  .toUpperCase()}_FORMAT`;

/** Inserts `text` before the first match of `anchor` in a registry file; fails loudly if the anchor moved. */
function insertBefore(file, anchor, text) {
  const path = join(ROOT, file);
  const source = readFileSync(path, 'utf8');
  const at = source.search(anchor);
  if (at === -1) fail(`cannot find where to register it in ${file} (looked for ${anchor}); register it by hand`);
  writeFileSync(path, source.slice(0, at) + text + source.slice(at));
}

function create(file, text) {
  const path = join(ROOT, file);
  if (existsSync(path)) fail(`${file} exists already`);
  writeFileSync(path, text);
  console.log(`created ${file}`);
}

const TEMPLATES = {
  rule: () => {
    create(
      `src/core/rules/${id}.ts`,
      `import type { CookieRule } from '../rule';
import { label, REF } from '../rule-helpers';

// TODO: say what this rule finds, replace the check and the examples, and write the texts for learners.
export const rule: CookieRule = {
  id: '${id}',
  scope: 'cookie',
  levels: ['low'],
  title: 'TODO: the problem in a few words',
  summary: 'TODO: one plain sentence for the popup and the badge tooltip.',
  explain: 'TODO: what it means, for learners.',
  why: 'TODO: the attack or the failure it allows.',
  fix: 'TODO: one line, what to change.',
  snippets: {
    flask: "resp.set_cookie('name', value, secure=True)  # TODO",
    django: 'SESSION_COOKIE_SECURE = True  # TODO',
    express: "res.cookie('name', value, { secure: true })  // TODO",
  },
  references: [REF.rfc('§4.1 Set-Cookie', 'name-set-cookie')],
  check(c) {
    // TODO: the real check. This template flags a cookie without Secure on an https page.
    if (c.secure) return null;
    return { severity: 'low', message: \`\${label(c)} TODO: what is wrong with it.\` };
  },
  examples: {
    flag: [{ title: 'TODO: a cookie the rule must flag', cookies: [{ name: 'example', secure: false }] }],
    pass: [{ title: 'TODO: a cookie it must not flag', cookies: [{ name: 'example', secure: true }] }],
  },
};
`,
    );
    insertBefore('src/core/rules/index.ts', /\nimport \{ rule as |\n\n/, `\nimport { rule as ${camel} } from './${id}';`);
    insertBefore('src/core/rules/index.ts', /\n {2}\/\/ Last: it reports what failed/, `\n  ${camel},`);
  },
  decoder: () => {
    create(
      `src/core/decode/${id}.ts`,
      `import type { Decoder } from './types';

// TODO: the format, where it comes from (the framework's docs or source), and what the value carries.
const SHAPE = /^${id}:([A-Za-z0-9]+)$/;

export const ${camel}: Decoder = {
  id: '${id}',
  formats: { '${id}': 'TODO: the name users know it by' },
  decode({ value }) {
    const m = SHAPE.exec(value);
    return m ? { decoded: { format: '${id}', payload: m[1] } } : null;
  },
  examples: {
    match: [{ cookie: { name: 'example', value: '${id}:abc123' }, format: '${id}' }],
    noMatch: [{ name: 'example', value: '${id}:' }],
  },
};
`,
    );
    insertBefore('src/core/decode/types.ts', /\n {2}\| 'json'/, `\n  | '${id}'`);
    insertBefore('src/core/decode/index.ts', /\nimport \{ url \} from '\.\/url';/, `\nimport { ${camel} } from './${id}';`);
    // Framework formats come before the generic ones (json, base64, url): insert it before json.
    insertBefore('src/core/decode/index.ts', /\n {2}json,\n/, `\n  ${camel},`);
  },
  format: () => {
    create(
      `src/core/formats/${id}.ts`,
      `import type { ReportFormatSpec } from './format';

// TODO: who reads this format, and its specification.
export const ${constant}: ReportFormatSpec<'${id}'> = {
  id: '${id}',
  label: 'TODO: ${id}',
  extension: '.${id.replace(/-/g, '')}',
  mime: 'text/plain',
  audience: 'TODO: who reads it, in a few words',
  panel: false,
  render: (report) =>
    [...report.cookies.map((c) => \`\${c.name} \${c.domain}\`), ...report.errors.map((e) => \`error \${e.url}: \${e.message}\`), ''].join('\\n'),
};
`,
    );
    insertBefore('src/core/formats/index.ts', /\nimport \{ TEXT_FORMAT \} from '\.\/text';/, `\nimport { ${constant} } from './${id}';`);
    const index = join(ROOT, 'src/core/formats/index.ts');
    const source = readFileSync(index, 'utf8');
    const registry = /(export const FORMATS = \[)([^\]]*?),?\s*\] as const;/;
    if (!registry.test(source)) fail('cannot find FORMATS in src/core/formats/index.ts; register it by hand');
    writeFileSync(
      index,
      source.replace(registry, (_, start, list) => `${start}${list.trim()}, ${constant}] as const;`),
    );
  },
};

TEMPLATES[kind]();
const biome = join(ROOT, 'node_modules/.bin/biome');
execFileSync(biome, ['check', '--write', 'src'], { cwd: ROOT, stdio: 'ignore' });
// The project's own `npm run docs` (through the npm that runs this script, when it does) rewrites the tables.
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
if (kind === 'rule' || kind === 'format') execFileSync(npm[0], [...npm.slice(1), 'run', 'docs', '--silent'], { cwd: ROOT, stdio: 'ignore' });
console.log(
  `registered ${kind} ${id}${kind === 'rule' || kind === 'format' ? '; README and schemas regenerated (npm run docs)' : ''}. Next: replace the TODOs, then npm test.`,
);
