#!/usr/bin/env node
// Zero-config CLI: lints paths with eslint-plugin-orm's recommended preset, whatever the project's own
// ESLint config says (it is ignored), with @typescript-eslint/parser for TypeScript files.
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../dist/index.js';

const usage = `Usage: orm-lint [options] [paths...]

Lints JavaScript/TypeScript files for ORM anti-patterns with eslint-plugin-orm's
recommended rules. Paths default to the current directory; node_modules, dist and
build folders are skipped. The project's own ESLint config is not used.

Options:
  --fix                 apply safe autofixes
  --format, -f <name>   ESLint formatter (stylish, json, compact, @microsoft/sarif…)
  --preset <name>       recommended (default), strict or all
  --max-warnings <n>    exit 1 when there are more than n warnings
  --help, -h            show this help
  --version, -v         print the version`;

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        fix: { type: 'boolean', default: false },
        format: { type: 'string', short: 'f', default: 'stylish' },
        preset: { type: 'string', default: 'recommended' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`orm-lint: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${plugin.meta.version}\n`);
    return 0;
  }
  // Only the syntax-only presets: the CLI lints .js files too, where a type-aware preset cannot run.
  const preset = ['recommended', 'strict', 'all'].includes(values.preset) ? plugin.configs[values.preset] : undefined;
  if (!preset) {
    process.stderr.write(`orm-lint: unknown preset "${values.preset}" (use recommended, strict or all)\n`);
    return 2;
  }
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/.next/**'] },
      { files: JS_FILES, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      { files: TS_FILES, languageOptions: { parser: tsParser } },
      { ...preset, files: [...TS_FILES, ...JS_FILES] },
      { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    ],
    fix: values.fix,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  const results = await eslint.lintFiles(positionals.length > 0 ? positionals : ['.']);
  if (values.fix) await ESLint.outputFixes(results);
  const formatter = await eslint.loadFormatter(values.format);
  const output = await formatter.format(results);
  if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  const errors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`orm-lint: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
