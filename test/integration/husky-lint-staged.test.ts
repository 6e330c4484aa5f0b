// The npm-native pre-commit path: husky 9.1.7 + lint-staged 16.4.0 set up as the README says, and real
// `git commit`s in a temporary repository.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSetup, makeWorkspace, prismaLoop, prismaLoopStylish, readmeSnippet, stripAnsi, type Workspace } from './helpers.js';

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // No npm registry needed: every package is linked into node_modules.
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true', HUSKY: undefined } });
}

function git(cwd: string, ...args: string[]): string {
  const res = run('git', args, cwd);
  if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.stdout}${res.stderr}`);
  return res.stdout.trim();
}

describe('husky + lint-staged running ESLint with our preset on staged files', () => {
  let project: Workspace;

  beforeAll(() => {
    ensureIntegrationSetup();
    project = makeWorkspace(
      {
        'package.json': `${JSON.stringify({ name: 'consumer', private: true, type: 'module', scripts: {} }, null, 2)}\n`,
        'eslint.config.js': readmeSnippet('eslint-config-recommended'),
        'lint-staged.config.js': readmeSnippet('lint-staged-config'),
        '.gitignore': 'node_modules/\n',
      },
      ['eslint', 'eslint-plugin-orm', '@typescript-eslint/parser', 'husky', 'lint-staged'],
    );
    git(project.dir, 'init', '-q', '-b', 'main');
    git(project.dir, 'config', 'user.email', 'test@example.com');
    git(project.dir, 'config', 'user.name', 'test');
    git(project.dir, 'config', 'commit.gpgsign', 'false');
    git(project.dir, 'add', '-A');
    git(project.dir, 'commit', '-q', '-m', 'init');

    // The README's setup: `npx husky init`, then the hook file's content.
    const init = run('npx', ['husky', 'init'], project.dir);
    if (init.status !== 0) throw new Error(`husky init: ${init.stdout}${init.stderr}`);
    project.write('.husky/pre-commit', readmeSnippet('husky-pre-commit'));
  });
  afterAll(() => project?.remove());

  it('installs the hook the way husky 9 does', () => {
    expect(git(project.dir, 'config', 'core.hooksPath')).toBe('.husky/_');
    expect((JSON.parse(project.read('package.json')) as { scripts: Record<string, string> }).scripts.prepare).toBe('husky');
  });

  it('commits a clean change', () => {
    project.write('src/names.ts', 'export const names = (users: { name: string }[]) => users.map((u) => u.name);\n');
    git(project.dir, 'add', '.husky/pre-commit', 'package.json', 'src/names.ts');
    const res = run('git', ['commit', '-m', 'clean'], project.dir);
    expect(res.status, res.stdout + res.stderr).toBe(0);
    expect(git(project.dir, 'log', '-1', '--format=%s')).toBe('clean');
  });

  it('blocks the commit of an N+1 and shows ESLint’s report', () => {
    project.write('src/authors.ts', prismaLoop.source);
    git(project.dir, 'add', 'src/authors.ts');
    const res = run('git', ['commit', '-m', 'n+1'], project.dir);
    const output = stripAnsi(res.stdout + res.stderr);
    expect(res.status, output).toBe(1);
    expect(output).toContain(path.join(project.dir, 'src', 'authors.ts'));
    expect(output).toContain(prismaLoopStylish);
    expect(output).toMatch(/lint-staged/i);
    expect(git(project.dir, 'log', '-1', '--format=%s')).toBe('clean');
    // lint-staged restored the index: the file is still staged, unchanged.
    expect(git(project.dir, 'diff', '--cached', '--name-only')).toBe('src/authors.ts');
    expect(project.read('src/authors.ts')).toBe(prismaLoop.source);
  });
});
