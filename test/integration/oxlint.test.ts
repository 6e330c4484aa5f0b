// oxlint runs ESLint JS plugins (`jsPlugins`). These tests load the built plugin into the pinned oxlint
// and compare every finding with ESLint's on the same files: examples/ and every docs code block.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSetup, makeWorkspace, prismaLoop, readmeSnippet, repoRoot, toolsDir, type Workspace } from './helpers.js';

const oxlintBin = path.join(toolsDir, 'node_modules', 'oxlint', 'bin', 'oxlint');

interface OxlintJson {
  diagnostics: { message: string; code?: string; severity: string; filename: string; labels: { span: { offset: number; length: number; line: number; column: number } }[] }[];
}

/** Runs oxlint in `cwd`; `status` is its exit code. */
function oxlint(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [oxlintBin, ...args], { cwd, encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** 1-based line/column of a UTF-16 offset in `text` (oxlint reports byte offsets; files here are ASCII-safe per check below). */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** `file rule line:col-endLine:endCol message` for each of our findings in oxlint's JSON output. */
function oxlintFindings(workspace: Workspace, json: string): string[] {
  const report = JSON.parse(json) as OxlintJson;
  // Diagnostics without a code are oxlint's own (parse errors, plugin load failures): never expected.
  const uncoded = report.diagnostics.filter((d) => d.code === undefined);
  if (uncoded.length > 0) throw new Error(`oxlint: ${uncoded.map((d) => `${d.filename}: ${d.message}`).join('\n')}`);
  return report.diagnostics
    .filter((d) => d.code!.startsWith('orm('))
    .map((d) => {
      const span = d.labels[0]!.span;
      const text = workspace.read(d.filename);
      // oxlint spans are UTF-8 byte offsets; convert through a Buffer.
      const bytes = Buffer.from(text, 'utf8');
      const start = bytes.subarray(0, span.offset).toString('utf8').length;
      const end = bytes.subarray(0, span.offset + span.length).toString('utf8').length;
      const rule = `orm/${/^orm\((.+)\)$/.exec(d.code!)![1]}`;
      return `${d.filename} ${rule} ${lineColumn(text, start)}-${lineColumn(text, end)} ${d.message}`;
    })
    .sort();
}

type ESLintClass = (typeof import('eslint'))['ESLint'];

async function eslintFindings(ESLint: ESLintClass, workspace: Workspace, patterns: string[]): Promise<string[]> {
  const results = await new ESLint({ cwd: workspace.dir }).lintFiles(patterns);
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(workspace.dir, r.filePath)} ${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`))
    .sort();
}

/** The ❌/✅ example blocks of docs/rules/*.md (first line `// ❌ …` or `// ✅ …`), as `docs-blocks/<rule>-<n>.<ext>`. */
function docsBlocks(): Record<string, string> {
  const out: Record<string, string> = {};
  const dir = path.join(repoRoot, 'docs', 'rules');
  for (const doc of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const blocks = readFileSync(path.join(dir, doc), 'utf8').matchAll(/```(ts|js)\n([\s\S]*?)```/g);
    let n = 0;
    for (const [, ext, code] of blocks) {
      if (/^\/\/ (?:❌|✅)/u.test(code!)) out[`docs-blocks/${doc.replace(/\.md$/, '')}-${++n}.${ext}`] = code!;
    }
  }
  return out;
}

describe('oxlint jsPlugins', () => {
  let ESLint: ESLintClass;
  let workspace: Workspace;

  beforeAll(async () => {
    ensureIntegrationSetup();
    ({ ESLint } = (await import(pathToFileURL(path.join(repoRoot, 'node_modules', 'eslint', 'lib', 'api.js')).href)) as typeof import('eslint'));
    workspace = makeWorkspace(
      {
        'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
        'eslint.config.js': readmeSnippet('eslint-config-recommended'),
        'oxlint.config.mjs': readmeSnippet('oxlint-config'),
        '.oxlintrc.json': readmeSnippet('oxlintrc'),
        'authors.ts': prismaLoop.source,
        ...docsBlocks(),
      },
      ['eslint-plugin-orm', '@typescript-eslint/parser'],
    );
    cpSync(path.join(repoRoot, 'examples'), workspace.file('examples'), { recursive: true });
  });
  afterAll(() => workspace?.remove());

  it('is the pinned version', () => {
    expect(execFileSync(process.execPath, [oxlintBin, '--version'], { encoding: 'utf8' }).trim()).toBe('Version: 1.94.0');
  });

  it('reports exactly what ESLint reports on examples/ and the docs examples (recommended rules)', async () => {
    const targets = ['examples', 'docs-blocks', 'authors.ts'];
    const expected = await eslintFindings(ESLint, workspace, targets);
    expect(expected.length).toBeGreaterThan(5);
    const run = oxlint(workspace.dir, ['-c', 'oxlint.config.mjs', '-f', 'json', ...targets]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(oxlintFindings(workspace, run.stdout)).toEqual(expected);
  });

  it('runs the .oxlintrc.json form too, with rule options', () => {
    const run = oxlint(workspace.dir, ['-f', 'json', 'authors.ts']);
    expect(run.status).toBe(1);
    expect(oxlintFindings(workspace, run.stdout)).toEqual([
      `authors.ts orm/no-query-in-loop ${prismaLoop.loc.line}:${prismaLoop.loc.column}-${prismaLoop.loc.endLine}:${prismaLoop.loc.endColumn} ${prismaLoop.message}`,
    ]);
    // The same config with `ignoreModels: ["user"]` silences it: options reach the rule.
    const config = JSON.parse(workspace.read('.oxlintrc.json')) as { rules: Record<string, unknown> };
    workspace.write('ignore-user.json', JSON.stringify({ ...config, rules: { 'orm/no-query-in-loop': ['error', { ignoreModels: ['user'] }] } }));
    const silenced = oxlint(workspace.dir, ['-c', 'ignore-user.json', '-f', 'json', 'authors.ts']);
    expect(silenced.status).toBe(0);
    expect(oxlintFindings(workspace, silenced.stdout)).toEqual([]);
  });

  it('passes settings.orm to the rules', () => {
    workspace.write(
      'warehouse.ts',
      `import { warehouse } from './lib/warehouse';

export async function load(ids: number[]) {
  for (const id of ids) {
    await warehouse('users').where({ id }).first();
  }
}
`,
    );
    // Without settings nothing says that \`warehouse\` is a Knex instance.
    expect(oxlintFindings(workspace, oxlint(workspace.dir, ['-c', 'oxlint.config.mjs', '-f', 'json', 'warehouse.ts']).stdout)).toEqual([]);
    workspace.write(
      'with-settings.mjs',
      `import base from './oxlint.config.mjs';
export default { ...base, settings: { orm: { clients: { warehouse: 'knex' } } } };
`,
    );
    const run = oxlint(workspace.dir, ['-c', 'with-settings.mjs', '-f', 'json', 'warehouse.ts']);
    expect(oxlintFindings(workspace, run.stdout).map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual(['warehouse.ts orm/no-query-in-loop 5:11-5:51']);
  });

  it('applies our suggestion with --fix-suggestions, producing the same text as ESLint’s suggestion', () => {
    workspace.write('fix-me.ts', prismaLoop.source);
    const run = oxlint(workspace.dir, ['-c', 'oxlint.config.mjs', '--fix-suggestions', 'fix-me.ts']);
    expect(run.status).toBe(0);
    expect(workspace.read('fix-me.ts')).toBe(prismaLoop.fixed);
  });

  it('applies autofixes like ESLint --fix does', async () => {
    const copy = makeWorkspace({ 'package.json': JSON.stringify({ type: 'module' }), 'eslint.config.js': workspace.read('eslint.config.js'), 'oxlint.config.mjs': workspace.read('oxlint.config.mjs') }, ['eslint-plugin-orm', '@typescript-eslint/parser']);
    try {
      cpSync(workspace.file('examples'), copy.file('examples'), { recursive: true });
      cpSync(workspace.file('docs-blocks'), copy.file('docs-blocks'), { recursive: true });
      const results = await new ESLint({ cwd: workspace.dir, fix: true }).lintFiles(['examples', 'docs-blocks']);
      oxlint(copy.dir, ['-c', 'oxlint.config.mjs', '--fix', 'examples', 'docs-blocks']);
      for (const result of results) {
        const relative = path.relative(workspace.dir, result.filePath);
        expect(copy.read(relative), relative).toBe(result.output ?? workspace.read(relative));
      }
    } finally {
      copy.remove();
    }
  });
});
