// The CI path: the README's commands (generic CI and the GitHub Actions workflow) run by a shell in a
// project holding examples/, with the ESLint CLI and @microsoft/eslint-formatter-sarif 3.1.0.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSetup, eslintVersion, makeWorkspace, readmeSnippet, repoRoot, toolsDir, type Workspace } from './helpers.js';

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
    artifacts: { location: { uri: string } }[];
    results: {
      level: string;
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; index: number }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
    }[];
  }[];
}

interface RuleMeta { meta: { docs: { url: string; description: string } } }

function sh(command: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync('sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(cwd, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_offline: 'true' },
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Shell commands of a snippet: one per line, comments and blank lines skipped. */
function commands(snippet: string): string[] {
  return snippet.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

describe('CI: ESLint CLI with --max-warnings 0 and SARIF output on examples/', () => {
  let workspace: Workspace;
  let pluginRules: Record<string, RuleMeta>;
  /** ESLint's own JSON report of the project, the reference for the SARIF. */
  let expected: string[];

  beforeAll(async () => {
    ensureIntegrationSetup();
    pluginRules = ((await import(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)) as { default: { rules: Record<string, RuleMeta> } }).default.rules;
    workspace = makeWorkspace(
      {
        'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
        'eslint.config.js': readmeSnippet('eslint-config-recommended'),
      },
      ['eslint', 'eslint-plugin-orm', '@typescript-eslint/parser', '@microsoft/eslint-formatter-sarif'],
    );
    cpSync(path.join(repoRoot, 'examples'), workspace.file('examples'), { recursive: true });
    const json = sh('npx eslint . --format json', workspace.dir);
    expect(json.stderr).toBe('');
    const results = JSON.parse(json.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
    expected = results
      .flatMap((r) => r.messages.map((m) => `${path.relative(workspace.dir, r.filePath)} ${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`))
      .sort();
  });
  afterAll(() => workspace?.remove());

  it('finds problems in examples/ (the reference is not empty)', () => {
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.every((f) => / orm\//.test(f))).toBe(true);
  });

  it('runs the README’s generic CI commands: exit 1 on problems, SARIF written', () => {
    const [check, sarif, ...rest] = commands(readmeSnippet('ci-commands'));
    expect(rest).toEqual([]);
    const checked = sh(check!, workspace.dir);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain('orm/no-query-in-loop');
    const written = sh(sarif!, workspace.dir);
    expect(written.status).toBe(1);
    expect(written.stderr).toBe('');
    expect(existsSync(workspace.file('eslint.sarif'))).toBe(true);
  });

  it('writes SARIF 2.1.0 whose results, locations and rule help URIs match ESLint’s findings and meta.docs', () => {
    const log = JSON.parse(workspace.read('eslint.sarif')) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('ESLint');
    expect(run.tool.driver.version).toBe(eslintVersion);

    // Every rule entry: our id, helpUri = meta.docs.url, the description.
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ruleIds)).toEqual(new Set(expected.map((f) => f.split(' ')[1])));
    for (const rule of run.tool.driver.rules) {
      const meta = pluginRules[rule.id.replace(/^orm\//, '')]!.meta;
      expect(rule.helpUri).toBe(meta.docs.url);
      expect(rule.shortDescription?.text).toBe(meta.docs.description);
    }

    // Every result: the same finding as ESLint's JSON report, with consistent indexes.
    const found = run.results.map((r) => {
      const loc = r.locations[0]!.physicalLocation;
      expect(r.level).toBe('error');
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(run.artifacts[loc.artifactLocation.index]!.location.uri).toBe(loc.artifactLocation.uri);
      const file = path.relative(workspace.dir, fileURLToPath(loc.artifactLocation.uri));
      return `${file} ${r.ruleId} ${loc.region.startLine}:${loc.region.startColumn}-${loc.region.endLine}:${loc.region.endColumn} ${r.message.text}`;
    });
    expect(found.sort()).toEqual(expected);
  });

  it('fails on warnings too with --max-warnings 0', () => {
    const warn = makeWorkspace(
      {
        'package.json': JSON.stringify({ type: 'module' }),
        // The README config with every recommended rule downgraded to a warning.
        'eslint.config.js': `${readmeSnippet('eslint-config-recommended').replace(/\];\s*$/, '')}  { rules: Object.fromEntries(Object.keys(orm.configs.recommended.rules).map((rule) => [rule, 'warn'])) },\n];\n`,
      },
      ['eslint', 'eslint-plugin-orm', '@typescript-eslint/parser'],
    );
    try {
      cpSync(path.join(repoRoot, 'examples'), warn.file('examples'), { recursive: true });
      expect(sh('npx eslint .', warn.dir).status).toBe(0);
      const strict = sh(commands(readmeSnippet('ci-commands'))[0]!, warn.dir);
      expect(strict.status).toBe(1);
      expect(strict.stdout + strict.stderr).toMatch(/ESLint found too many warnings \(maximum: 0\)/);
    } finally {
      warn.remove();
    }
  });

  it('runs the GitHub Actions workflow’s lint step as written', () => {
    const requireTools = createRequire(path.join(toolsDir, 'package.json'));
    const { parse } = requireTools('yaml') as { parse: (text: string) => unknown };
    const workflow = parse(readmeSnippet('github-actions')) as { jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }> };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run.trim()])).filter((r) => r !== 'npm ci');
    expect(runs).toHaveLength(1);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    const sarifFile = String(upload?.with?.sarif_file);
    const res = sh(`rm -f ${sarifFile} && ${runs[0]!}`, workspace.dir);
    expect(res.status).toBe(1);
    const log = JSON.parse(readFileSync(workspace.file(sarifFile), 'utf8')) as SarifLog;
    expect(log.runs[0]!.results).toHaveLength(expected.length);
  });
});
