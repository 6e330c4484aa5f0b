#!/usr/bin/env node
// Smoke run on real code: lints a folder (e.g. a checkout of an open-source app) with the built plugin and
// prints every finding with its source line, to be read and judged by hand.
//   node scripts/realworld.mjs <dir> [--rule no-query-in-loop] [--preset all|recommended|strict] [--json]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../dist/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rule: { type: 'string', multiple: true }, preset: { type: 'string', default: 'all' }, json: { type: 'boolean', default: false } },
});
const dir = path.resolve(positionals[0] ?? '.');
const rules = values.rule ? Object.fromEntries(values.rule.map((r) => [`orm/${r}`, 'error'])) : plugin.configs[values.preset].rules;
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  overrideConfig: [
    { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/*.d.ts', '**/.next/**', '**/coverage/**', '**/*.min.js'] },
    { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
    { files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'], plugins: { orm: plugin }, rules },
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ],
  errorOnUnmatchedPattern: false,
});
const started = Date.now();
const results = await eslint.lintFiles(['.']);
const findings = [];
for (const r of results) {
  const lines = r.source ?? fs.readFileSync(r.filePath, 'utf8');
  const src = typeof lines === 'string' ? lines.split('\n') : [];
  for (const m of r.messages) {
    if (m.ruleId && !m.ruleId.startsWith('orm/')) continue; // the app's own disable comments name rules we do not load
    findings.push({ file: path.relative(dir, r.filePath), line: m.line, column: m.column, rule: m.ruleId, message: m.message, fatal: m.fatal ?? false, code: (src[m.line - 1] ?? '').trim().slice(0, 160), suggestions: m.suggestions?.length ?? 0 });
  }
}
const byRule = {};
for (const f of findings) byRule[f.rule ?? 'parse-error'] = (byRule[f.rule ?? 'parse-error'] ?? 0) + 1;
if (values.json) {
  process.stdout.write(JSON.stringify({ files: results.length, ms: Date.now() - started, byRule, findings }, null, 2));
} else {
  for (const f of findings.filter((x) => !x.fatal)) {
    console.log(`${f.file}:${f.line}:${f.column}  ${f.rule}${f.suggestions ? ' 💡' : ''}\n    ${f.code}\n    ${f.message}`);
  }
  console.log(`\n${results.length} files in ${Date.now() - started} ms; findings by rule: ${JSON.stringify(byRule)}`);
}
