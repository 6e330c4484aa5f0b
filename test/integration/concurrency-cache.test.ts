// The ESLint CLI with `--concurrency 2` and with `--cache` (a cold run, then a run from the cache) gives
// exactly the results of a plain run over examples/, every rule enabled. Rules must keep no state
// between files and nothing that a worker thread or a cached result would see differently.
//
// The CLI's workers load the config file themselves, so the plugin must be importable from disk as
// JavaScript: src/ is transpiled into a scratch folder under node_modules/.cache (where
// @typescript-eslint/* resolve from the repository's node_modules), next to a copy of examples/ and
// an eslint.config.mjs; nothing depends on a prior `npm run build`.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/corpus.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const eslintPackage = require.resolve('eslint/package.json');
const eslintBin = path.join(path.dirname(eslintPackage), 'bin', 'eslint.js');
const eslintVersion = (JSON.parse(readFileSync(eslintPackage, 'utf8')) as { version: string }).version;
/** `--concurrency` exists since ESLint 9.34.0. */
const supportsConcurrency = (() => {
  const [major = 0, minor = 0] = eslintVersion.split('.').map(Number);
  return major > 9 || (major === 9 && minor >= 34);
})();

const cacheRoot = path.join(repoRoot, 'node_modules', '.cache');
let scratch = '';

/** Transpiles every .ts file of `from` into `to` (imports already end in `.js`). */
function transpileTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) transpileTree(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.ts')) {
      mkdirSync(to, { recursive: true });
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
        fileName: source,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), outputText);
    }
  }
}

interface JsonMessage {
  ruleId: string | null;
  messageId?: string;
  severity: number;
  fatal?: boolean;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: unknown;
  suggestions?: unknown[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
}

/** Runs the ESLint CLI over examples/ in the scratch folder and returns its results, comparable across runs. */
async function lintExamples(extraArgs: readonly string[]) {
  const { stdout } = await run(process.execPath, [eslintBin, '--format', 'json', '--no-warn-ignored', ...extraArgs, 'examples'], {
    cwd: scratch,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
    // Exit code 1 means "problems found": the BAD examples are meant to be reported.
    if (error.code === 1 && error.stdout) return { stdout: error.stdout };
    throw new Error(`eslint ${extraArgs.join(' ')} failed (${error.code}): ${error.stderr ?? ''}`);
  });
  const results = JSON.parse(stdout) as JsonResult[];
  return results
    .map((r) => ({
      file: path.relative(scratch, r.filePath),
      messages: r.messages.map(({ ruleId, messageId, severity, fatal, message, line, column, endLine, endColumn, fix, suggestions }) => ({
        ruleId, messageId, severity, fatal, message, line, column, endLine, endColumn, fix, suggestions,
      })),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

describe(`ESLint ${eslintVersion} CLI over examples/: --concurrency and --cache give the plain results`, () => {
  let plain: Awaited<ReturnType<typeof lintExamples>>;

  beforeAll(async () => {
    mkdirSync(cacheRoot, { recursive: true });
    scratch = mkdtempSync(path.join(cacheRoot, 'orm-integration-'));
    transpileTree(path.join(repoRoot, 'src'), path.join(scratch, 'plugin'));
    cpSync(path.join(repoRoot, 'examples'), path.join(scratch, 'examples'), { recursive: true });
    writeFileSync(
      path.join(scratch, 'eslint.config.mjs'),
      [
        "import tsParser from '@typescript-eslint/parser';",
        "import plugin from './plugin/index.js';",
        'export default [',
        "  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },",
        '  plugin.configs.all,',
        '];',
        '',
      ].join('\n'),
    );
    plain = await lintExamples([]);
  }, 120_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('the plain run lints every example and finds problems (the comparison is not empty)', () => {
    expect(plain.length).toBeGreaterThan(5);
    expect(plain.flatMap((r) => r.messages).filter((m) => m.fatal)).toEqual([]);
    expect(plain.flatMap((r) => r.messages).filter((m) => m.ruleId?.startsWith('orm/')).length).toBeGreaterThan(0);
  });

  it.runIf(supportsConcurrency)('--concurrency 2 gives the same results', async () => {
    expect(await lintExamples(['--concurrency', '2'])).toEqual(plain);
  }, 120_000);

  it('--cache gives the same results on a cold run and on a run from the cache', async () => {
    const cacheFile = path.join(scratch, 'eslintcache.json');
    const cold = await lintExamples(['--cache', '--cache-location', cacheFile]);
    expect(existsSync(cacheFile)).toBe(true);
    expect(readFileSync(cacheFile, 'utf8')).toContain('post-service.ts');
    const warm = await lintExamples(['--cache', '--cache-location', cacheFile]);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
  }, 120_000);
});
