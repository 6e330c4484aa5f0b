// Each preset as a user writes it: the README's eslint.config.js, loaded from disk by ESLint in a
// throw-away project that imports `eslint-plugin-orm` from node_modules.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSetup, makeWorkspace, prismaLoop, prismaLoopJs, readmeSnippet, repoRoot, typedWorkspace, type Workspace } from './helpers.js';

type ESLintModule = typeof import('eslint');
type Plugin = { configs: Record<string, { rules?: Record<string, unknown>; files?: unknown }> };

let ESLint: ESLintModule['ESLint'];
let plugin: Plugin;

beforeAll(async () => {
  ensureIntegrationSetup();
  ({ ESLint } = (await import(pathToFileURL(path.join(repoRoot, 'node_modules', 'eslint', 'lib', 'api.js')).href)) as ESLintModule);
  plugin = ((await import(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)) as { default: Plugin }).default;
});

const PACKAGES = ['eslint-plugin-orm', '@typescript-eslint/parser'] as const;

/** ESLint's findings as `rule line:column-endLine:endColumn`, per file. */
async function lint(workspace: Workspace, files: string[]): Promise<Record<string, string[]>> {
  const eslint = new ESLint({ cwd: workspace.dir });
  const results = await eslint.lintFiles(files);
  return Object.fromEntries(
    results.map((r) => [
      path.relative(workspace.dir, r.filePath),
      r.messages.map((m) => `${m.ruleId ?? m.message} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`),
    ]),
  );
}

async function ormRulesFor(workspace: Workspace, file: string): Promise<string[]> {
  const config = (await new ESLint({ cwd: workspace.dir }).calculateConfigForFile(workspace.file(file))) as { rules: Record<string, unknown> };
  return Object.keys(config.rules).filter((r) => r.startsWith('orm/')).sort();
}

const at = (loc: typeof prismaLoop.loc): string => `orm/no-query-in-loop ${loc.line}:${loc.column}-${loc.endLine}:${loc.endColumn}`;

describe.each(['recommended', 'strict', 'all'])('the README config for orm.configs.%s', (preset) => {
  let workspace: Workspace;
  beforeAll(() => {
    workspace = makeWorkspace(
      {
        'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
        'eslint.config.js': readmeSnippet(`eslint-config-${preset}`),
        'src/authors.ts': prismaLoop.source,
        'src/authors.js': prismaLoopJs.source,
        'src/clean.ts': 'export const answer: number = 42;\n',
      },
      PACKAGES,
    );
  });
  afterAll(() => workspace.remove());

  it(`enables exactly the ${preset} rules on TypeScript and JavaScript files`, async () => {
    const expected = Object.keys(plugin.configs[preset]!.rules ?? {}).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await ormRulesFor(workspace, 'src/authors.ts')).toEqual(expected);
    expect(await ormRulesFor(workspace, 'src/authors.js')).toEqual(expected);
  });

  it('reports the N+1 in both languages and nothing in a clean file', async () => {
    expect(await lint(workspace, ['src'])).toEqual({
      'src/authors.js': [at(prismaLoopJs.loc)],
      'src/authors.ts': [at(prismaLoop.loc)],
      'src/clean.ts': [],
    });
  });
});

describe('the README config for orm.configs["recommended-type-checked"]', () => {
  const files = typedWorkspace.files;
  const lookAlike = typedWorkspace.lookAlike;
  let typed: Workspace;
  let syntactic: Workspace;
  beforeAll(() => {
    typed = makeWorkspace({ ...files, 'eslint.config.js': readmeSnippet('eslint-config-recommended-type-checked') }, PACKAGES);
    syntactic = makeWorkspace({ ...files, 'eslint.config.js': readmeSnippet('eslint-config-recommended') }, PACKAGES);
  });
  afterAll(() => {
    typed.remove();
    syntactic.remove();
  });

  it('parses TypeScript files with the project service and leaves JavaScript files to espree', async () => {
    const eslint = new ESLint({ cwd: typed.dir });
    const ts = (await eslint.calculateConfigForFile(typed.file('src/authors.ts'))) as { languageOptions: { parserOptions: Record<string, unknown> } };
    const js = (await eslint.calculateConfigForFile(typed.file('src/authors.js'))) as { languageOptions: { parser?: unknown; parserOptions: Record<string, unknown> } };
    expect(ts.languageOptions.parserOptions).toMatchObject({ projectService: true, tsconfigRootDir: typed.dir });
    expect(js.languageOptions.parserOptions.projectService).toBeUndefined();
    expect(await ormRulesFor(typed, 'src/authors.ts')).toEqual(Object.keys(plugin.configs['recommended-type-checked']!.rules ?? {}).sort());
    expect(await ormRulesFor(typed, 'src/authors.js')).toEqual(Object.keys(plugin.configs.recommended!.rules ?? {}).sort());
    expect(plugin.configs['recommended-type-checked']!.files).toEqual(['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']);
  });

  it('lets the type checker reject a look-alike that the syntax-only preset reports', async () => {
    expect(await lint(syntactic, ['src'])).toEqual({
      'src/authors.js': [at(prismaLoopJs.loc)],
      'src/authors.ts': [at(prismaLoop.loc)],
      'src/cache.ts': [],
      'src/cached-names.ts': [lookAlike],
    });
    expect(await lint(typed, ['src'])).toEqual({
      'src/authors.js': [at(prismaLoopJs.loc)],
      'src/authors.ts': [at(prismaLoop.loc)],
      'src/cache.ts': [],
      'src/cached-names.ts': [],
    });
  });
});
