import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolsDir = path.join(repoRoot, 'test', 'integration', 'tools');
export const toolsBin = (name: string): string => path.join(toolsDir, 'node_modules', '.bin', name);
/** The ESLint this checkout tests against: 10 normally, 9 in the copy made by scripts/test-eslint9.sh. */
export const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
export const eslintVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }).version;

/** Installs the pinned tools and builds `dist/` when needed (idempotent, safe in parallel). */
export function ensureIntegrationSetup(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'setup-integrations.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Where each package a workspace may import comes from. */
const LINKABLE: Record<string, string> = {
  'eslint-plugin-orm': repoRoot,
  eslint: path.join(repoRoot, 'node_modules', 'eslint'),
  '@typescript-eslint/parser': path.join(repoRoot, 'node_modules', '@typescript-eslint', 'parser'),
  typescript: path.join(repoRoot, 'node_modules', 'typescript'),
  '@microsoft/eslint-formatter-sarif': path.join(toolsDir, 'node_modules', '@microsoft', 'eslint-formatter-sarif'),
  husky: path.join(toolsDir, 'node_modules', 'husky'),
  'lint-staged': path.join(toolsDir, 'node_modules', 'lint-staged'),
};

export interface Workspace {
  readonly dir: string;
  file(relative: string): string;
  read(relative: string): string;
  write(relative: string, text: string): void;
  remove(): void;
}

/**
 * A throw-away consumer project in the OS temp dir: `files` written as given, and `node_modules/<pkg>`
 * symlinks for `packages`, so configs import `eslint-plugin-orm` exactly as a user's config does.
 */
export function makeWorkspace(files: Record<string, string>, packages: readonly (keyof typeof LINKABLE)[] = []): Workspace {
  // realpath: macOS-style /tmp symlinks would otherwise make file URIs differ from ESLint's paths.
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'orm-integration-')));
  const write = (relative: string, text: string): void => {
    const full = path.join(dir, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  for (const pkg of packages) {
    const target = LINKABLE[pkg];
    if (!target) throw new Error(`no source for package ${pkg}`);
    const link = path.join(dir, 'node_modules', pkg);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
    // node_modules/.bin entries, as npm makes them, so `npx <bin>` runs the linked package offline.
    const { name, bin } = JSON.parse(readFileSync(path.join(target, 'package.json'), 'utf8')) as { name: string; bin?: string | Record<string, string> };
    const bins = typeof bin === 'string' ? { [name.replace(/^@[^/]+\//, '')]: bin } : (bin ?? {});
    for (const [command, file] of Object.entries(bins)) {
      mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
      symlinkSync(path.join('..', pkg, file), path.join(dir, 'node_modules', '.bin', command));
    }
  }
  return {
    dir,
    file: (relative) => path.join(dir, relative),
    read: (relative) => readFileSync(path.join(dir, relative), 'utf8'),
    write,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The code block that follows `<!-- snippet: id -->` in README.md: the README shows users exactly
 * what these tests run.
 */
export function readmeSnippet(id: string): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const marker = `<!-- snippet: ${id} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const block = /```[\w-]*\n([\s\S]*?)```/.exec(readme.slice(at + marker.length));
  if (!block?.[1]) throw new Error(`README.md has no code block after ${marker}`);
  return block[1];
}

/** A Prisma N+1 with a batched-lookup suggestion; `fixed` is that suggestion applied. */
export const prismaLoop = {
  source: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function authorsOf(posts: { id: number; authorId: number }[]) {
  const authors = [];
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    authors.push(author);
  }
  return authors;
}
`,
  fixed: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function authorsOf(posts: { id: number; authorId: number }[]) {
  const authors = [];
  const userById = new Map((await prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } })).map((row) => [row.id, row] as const));
  for (const post of posts) {
    const author = userById.get(post.authorId) ?? null;
    authors.push(author);
  }
  return authors;
}
`,
  message:
    '`prisma.user.findUnique(…)` runs once per `post` in this `for…of` loop: N items cost N queries (N+1). Load the rows for all items with one query before it (Prisma: `findMany({ where: { id: { in: ids } } })`) and look them up in a Map.',
  suggestion: 'Load every user row with one query before the `for…of` loop and look each one up in a Map.',
  /** 1-based, as ESLint reports it. */
  loc: { line: 8, column: 26, endLine: 8, endColumn: 82 },
};

/** The same loop in plain JavaScript (no type annotations), for espree. */
export const prismaLoopJs = {
  source: prismaLoop.source.replace(': { id: number; authorId: number }[]', ''),
  loc: prismaLoop.loc,
};

/** ANSI colour codes removed (tools colour their output when they think a terminal is attached). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** ESLint's stylish line for the Prisma N+1 (stylish drops the message's final period). */
export const prismaLoopStylish = `${prismaLoop.loc.line}:${prismaLoop.loc.column}  error  ${prismaLoop.message.replace(/\.$/, '')}  orm/no-query-in-loop`;

/**
 * A TypeScript project for the type-checked preset. `@prisma/client` is a stand-in for Prisma's
 * generated client: the type oracle only needs declarations that live in node_modules/@prisma/client.
 * `src/cached-names.ts` holds the user's own `UserCache` in a variable named `prisma` (a look-alike that
 * syntax alone reports at `lookAlike`).
 */
export const typedWorkspace = {
  files: {
    'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', noEmit: true, types: [] }, include: ['src'] }),
    'node_modules/@prisma/client/package.json': JSON.stringify({ name: '@prisma/client', version: '0.0.0', types: 'index.d.ts' }),
    'node_modules/@prisma/client/index.d.ts': `export interface User { id: number; name: string }
export declare class PrismaClient {
  user: { findUnique(args: { where: { id: number } }): Promise<User | null> };
}
`,
    'src/authors.ts': prismaLoop.source,
    'src/authors.js': prismaLoopJs.source,
    'src/cache.ts': `export class UserCache {
  user = { findUnique: async (args: { where: { id: number } }) => ({ id: args.where.id, name: 'cached' }) };
}
`,
    'src/cached-names.ts': `import { UserCache } from './cache';

const prisma = new UserCache();

export async function names(ids: number[]) {
  const out: string[] = [];
  for (const id of ids) {
    const user = await prisma.user.findUnique({ where: { id } });
    out.push(user.name);
  }
  return out;
}
`,
  },
  lookAlike: 'orm/no-query-in-loop 8:24-8:65',
};
