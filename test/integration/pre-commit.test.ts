// The pre-commit framework path: `.pre-commit-hooks.yaml` at the repository root, used from a project's
// `.pre-commit-config.yaml` (the README's), on a temporary git repository with staged files.
// With `pre-commit` on PATH (Debian/Ubuntu: apt-get install pre-commit) the framework itself installs the
// hook from a git snapshot of this checkout and `git commit` runs it. Without it, the test repeats what
// its `language: node` installer does (npm pack, `npm install -g` of the tarball plus
// additional_dependencies into an isolated prefix) and invokes the hook's entry with the staged files.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSetup, makeWorkspace, prismaLoop, prismaLoopStylish, readmeSnippet, stripAnsi, repoRoot, toolsDir, type Workspace } from './helpers.js';

interface HookDefinition {
  id: string;
  entry: string;
  language: string;
  types_or?: string[];
  additional_dependencies?: string[];
  require_serial?: boolean;
}

const requireTools = createRequire(path.join(toolsDir, 'package.json'));
const { parse: parseYaml } = requireTools('yaml') as { parse: (text: string) => unknown };
const hooks = (): HookDefinition[] => parseYaml(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];

const framework = process.env.ORM_TEST_PRECOMMIT !== 'emulate' && spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
}

function git(cwd: string, ...args: string[]): string {
  const res = run('git', args, cwd);
  if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.stderr}`);
  return res.stdout.trim();
}

/** A throw-away git repository holding `files`, with an identity for commits. */
function gitProject(files: Record<string, string>): Workspace {
  const project = makeWorkspace(files);
  git(project.dir, 'init', '-q', '-b', 'main');
  git(project.dir, 'config', 'user.email', 'test@example.com');
  git(project.dir, 'config', 'user.name', 'test');
  git(project.dir, 'config', 'commit.gpgsign', 'false');
  return project;
}

const CLEAN = 'export const names = (users: { name: string }[]) => users.map((u) => u.name);\n';

describe('.pre-commit-hooks.yaml', () => {
  it('defines the orm-lint hook: language node, entry orm-lint, JS/TS files, eslint and typescript installed with it', () => {
    const [hook, ...others] = hooks();
    expect(others).toEqual([]);
    expect(hook).toMatchObject({ id: 'orm-lint', entry: 'orm-lint', language: 'node', types_or: ['javascript', 'jsx', 'ts', 'tsx'] });
    const deps = hook!.additional_dependencies ?? [];
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; bin: Record<string, string> };
    // Exact versions: an ESLint major the plugin supports, and the TypeScript it is built with.
    expect(deps).toHaveLength(2);
    expect(deps[0]).toMatch(/^eslint@(?:9|10)\.\d+\.\d+$/);
    expect(deps[1]).toBe(`typescript@${pkg.devDependencies.typescript}`);
    expect(Object.keys(pkg.bin)).toContain(hook!.entry);
  });
});

describe(framework ? 'the pre-commit framework running the hook on staged files' : 'the hook entry run as pre-commit’s node installer would (pre-commit not installed)', () => {
  let snapshot: string;
  let cacheDir: string;
  let project: Workspace;
  /** Runs the hook on what is staged: `git commit` through the installed hook, or the emulation. */
  let commit: (message: string) => SpawnSyncReturns<string>;

  beforeAll(() => {
    ensureIntegrationSetup();
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'orm-pre-commit-home-'));
    project = gitProject({ 'README.md': '# consumer\n' });
    git(project.dir, 'add', 'README.md');
    git(project.dir, 'commit', '-q', '-m', 'init');

    if (framework) {
      // A committed snapshot of this checkout (tracked and untracked, not ignored) as the hook repository.
      snapshot = mkdtempSync(path.join(os.tmpdir(), 'orm-hook-repo-'));
      const files = git(repoRoot, 'ls-files', '--cached', '--others', '--exclude-standard').split('\n').filter((f) => f && existsSync(path.join(repoRoot, f)));
      execFileSync('tar', ['-C', repoRoot, '-cf', path.join(snapshot, '..', `${path.basename(snapshot)}.tar`), ...files]);
      execFileSync('tar', ['-C', snapshot, '-xf', path.join(snapshot, '..', `${path.basename(snapshot)}.tar`)]);
      rmSync(path.join(snapshot, '..', `${path.basename(snapshot)}.tar`));
      git(snapshot, 'init', '-q', '-b', 'main');
      git(snapshot, 'add', '-A');
      git(snapshot, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'snapshot');
      const rev = git(snapshot, 'rev-parse', 'HEAD');
      const config = readmeSnippet('pre-commit-config').replace(/repo: \S+/, `repo: ${snapshot}`).replace(/rev: \S+/, `rev: ${rev}`);
      project.write('.pre-commit-config.yaml', config);
      const env = { ...process.env, PRE_COMMIT_HOME: cacheDir };
      const installed = run('pre-commit', ['install', '--install-hooks'], project.dir, env);
      if (installed.status !== 0) throw new Error(`pre-commit install failed:\n${installed.stdout}\n${installed.stderr}`);
      commit = (message) => run('git', ['commit', '-m', message], project.dir, env);
    } else {
      // pre-commit's languages/node.py: `npm pack` in the hook repository, then
      // `npm install -g <tarball> <additional_dependencies…>` into the environment's prefix.
      const [hook] = hooks();
      const packed = run('npm', ['pack', '--pack-destination', cacheDir], repoRoot);
      if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
      const tarball = path.join(cacheDir, packed.stdout.trim());
      const envDir = path.join(cacheDir, 'node_env');
      const install = run('npm', ['install', '-g', '--no-audit', '--no-fund', tarball, ...(hook!.additional_dependencies ?? [])], cacheDir, { ...process.env, npm_config_prefix: envDir });
      if (install.status !== 0) throw new Error(`npm install -g failed: ${install.stderr}`);
      const env = { ...process.env, NODE_PATH: path.join(envDir, 'lib', 'node_modules'), PATH: `${path.join(envDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
      const extensions = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/; // identify's javascript/jsx/ts/tsx tags
      commit = (message) => {
        const staged = git(project.dir, 'diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter((f) => extensions.test(f));
        const res = staged.length === 0 ? run('true', [], project.dir) : run(hook!.entry, staged, project.dir, env);
        if (res.status === 0) git(project.dir, 'commit', '-q', '-m', message);
        return res;
      };
    }
  }, 900_000);

  afterAll(() => {
    project?.remove();
    for (const dir of [cacheDir, snapshot]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lets a clean file through (exit 0)', () => {
    project.write('src/names.ts', CLEAN);
    git(project.dir, 'add', 'src/names.ts');
    const res = commit('clean');
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
    if (framework) expect(res.stdout + res.stderr).toMatch(/orm-lint \(ORM anti-patterns\)\.+Passed/);
    expect(git(project.dir, 'log', '-1', '--format=%s')).toBe('clean');
  });

  it('blocks an N+1 (exit 1) and prints the finding', () => {
    project.write('src/authors.ts', prismaLoop.source);
    git(project.dir, 'add', 'src/authors.ts');
    const res = commit('n+1');
    // git hands a hook's stdout to its own stderr: read both.
    const output = stripAnsi(res.stdout + res.stderr);
    expect(res.status, output).toBe(1);
    expect(output).toContain('src/authors.ts');
    expect(output).toContain(prismaLoopStylish);
    if (framework) expect(output).toMatch(/orm-lint \(ORM anti-patterns\)\.+Failed/);
    expect(git(project.dir, 'log', '-1', '--format=%s')).toBe('clean');
    // Only staged files are linted: after unstaging the N+1, the next commit goes through.
    git(project.dir, 'rm', '-q', '--cached', 'src/authors.ts');
    project.write('src/more.ts', CLEAN);
    git(project.dir, 'add', 'src/more.ts');
    expect(commit('more').status).toBe(0);
  });

  it('installed the hook in an isolated environment, not from the project', () => {
    expect(existsSync(project.file('node_modules'))).toBe(false);
    if (framework) {
      const repos = readdirSync(cacheDir).filter((d) => d.startsWith('repo'));
      const envs = repos.flatMap((r) => readdirSync(path.join(cacheDir, r)).filter((d) => d.startsWith('node_env')).map((d) => path.join(cacheDir, r, d)));
      expect(envs).toHaveLength(1);
      expect(readdirSync(path.join(envs[0]!, 'lib', 'node_modules')).sort()).toEqual(['eslint', 'eslint-plugin-orm', 'typescript']);
    }
  });
});
