// The ESLint CLI with `--concurrency 2` and with `--cache` (a cold run, then a run from the cache) gives
// exactly the results of a plain run over examples/, every rule enabled. Rules must keep no state
// between files and nothing that a worker thread or a cached result would see differently.
//
// The CLI's workers load the config file themselves, so this runs in a throw-away project (a copy of
// examples/ and an eslint.config.js importing the built `eslint-plugin-orm` from node_modules).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSetup, eslintBin, eslintVersion, makeWorkspace, repoRoot, type Workspace } from './helpers.js';

const run = promisify(execFile);
/** `--concurrency` exists since ESLint 9.34.0. */
const supportsConcurrency = (() => {
  const [major = 0, minor = 0] = eslintVersion.split('.').map(Number);
  return major > 9 || (major === 9 && minor >= 34);
})();

const examplesDir = path.join(repoRoot, 'examples');
const CONFIG = `import tsParser from '@typescript-eslint/parser';
import orm from 'eslint-plugin-orm';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  orm.configs.all,
];
`;

let workspace: Workspace;

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

/** Runs the ESLint CLI over examples/ in the workspace and returns its results, comparable across runs. */
async function lintExamples(extraArgs: readonly string[]) {
  const { stdout } = await run(process.execPath, [eslintBin, '--format', 'json', '--no-warn-ignored', ...extraArgs, 'examples'], {
    cwd: workspace.dir,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
    // Exit code 1 means "problems found": the BAD examples are meant to be reported.
    if (error.code === 1 && error.stdout) return { stdout: error.stdout };
    throw new Error(`eslint ${extraArgs.join(' ')} failed (${error.code}): ${error.stderr ?? ''}`);
  });
  const results = JSON.parse(stdout) as JsonResult[];
  return results
    .map((r) => ({
      file: path.relative(workspace.dir, r.filePath),
      messages: r.messages.map(({ ruleId, messageId, severity, fatal, message, line, column, endLine, endColumn, fix, suggestions }) => ({
        ruleId, messageId, severity, fatal, message, line, column, endLine, endColumn, fix, suggestions,
      })),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

describe(`ESLint ${eslintVersion} CLI over examples/: --concurrency and --cache give the plain results`, () => {
  let plain: Awaited<ReturnType<typeof lintExamples>>;

  beforeAll(async () => {
    ensureIntegrationSetup();
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }), 'eslint.config.js': CONFIG };
    for (const rel of readdirSync(examplesDir, { recursive: true, encoding: 'utf8' })) {
      if (/\.[cm]?[jt]sx?$/.test(rel)) files[path.join('examples', rel)] = readFileSync(path.join(examplesDir, rel), 'utf8');
    }
    workspace = makeWorkspace(files, ['eslint-plugin-orm', '@typescript-eslint/parser']);
    plain = await lintExamples([]);
  }, 300_000);

  afterAll(() => workspace?.remove());

  it('the plain run lints every example and finds problems (the comparison is not empty)', () => {
    expect(plain.length).toBeGreaterThan(5);
    expect(plain.flatMap((r) => r.messages).filter((m) => m.fatal)).toEqual([]);
    expect(plain.flatMap((r) => r.messages).filter((m) => m.ruleId?.startsWith('orm/')).length).toBeGreaterThan(0);
  });

  it.runIf(supportsConcurrency)('--concurrency 2 gives the same results', async () => {
    expect(await lintExamples(['--concurrency', '2'])).toEqual(plain);
  }, 120_000);

  it('--cache gives the same results on a cold run and on a run from the cache', async () => {
    const cacheFile = workspace.file('eslintcache.json');
    const cold = await lintExamples(['--cache', '--cache-location', cacheFile]);
    expect(existsSync(cacheFile)).toBe(true);
    expect(readFileSync(cacheFile, 'utf8')).toContain('post-service.ts');
    const warm = await lintExamples(['--cache', '--cache-location', cacheFile]);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
  }, 120_000);
});
