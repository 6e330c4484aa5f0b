/**
 * Runtime harness: runs an example module written against a real ORM on a fresh, seeded SQLite
 * database and counts the SQL statements it executes at the driver. See README.md in this folder
 * for the module convention (what an example may import from './db') and the counting rules.
 *
 * Each case runs in its own Node child process (runner.mjs) in its own temp directory, so ORM
 * state, identity maps, prepared-statement caches and open handles never leak between cases or
 * into the vitest worker.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const ORMS = ['knex', 'kysely', 'drizzle', 'typeorm', 'sequelize', 'mikroorm', 'objection', 'prisma'] as const;
export type OrmName = (typeof ORMS)[number];

export interface OrmCase {
  orm: OrmName;
  /** Rows seeded: N users, N posts (post i by user i), 2 comments per post. */
  n: number;
  /** TypeScript source of the example module; it must `export async function run()`. */
  source: string;
  /** Kill the child after this long (default 90 s). */
  timeoutMs?: number;
  /** Keep the temp directory (also with ORM_HARNESS_KEEP=1) for debugging. */
  keepDir?: boolean;
}

export interface ExecutedStatement {
  sql: string;
  /** 'data' = SELECT/INSERT/UPDATE/DELETE/WITH/REPLACE/VALUES; 'other' = BEGIN/COMMIT/PRAGMA/SAVEPOINT/... */
  kind: 'data' | 'other';
  /** Rows handed back by the driver for this statement. */
  rows: number;
}

export interface OrmCaseResult {
  /** run()'s return value normalised to plain JSON data (toJSON, ORM entity -> object, sorted keys). */
  result: unknown;
  /** SELECT/INSERT/UPDATE/DELETE/WITH statements executed while run() was awaited. */
  dataStatements: number;
  /** Everything else: BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE/PRAGMA (incl. Sequelize's hidden table_info). */
  otherStatements: number;
  /** Rows returned by data statements. */
  rowsReturned: number;
  /** SQL text of every executed statement (data and other), in order. */
  statements: string[];
  /** Same as `statements` with kind and row count. */
  details: ExecutedStatement[];
  /** Wall time of run() inside the child, ms. */
  runMs: number;
  /** Time to load the db module and warm the connection, ms (not counted). */
  warmMs: number;
}

export class OrmCaseError extends Error {
  constructor(
    message: string,
    readonly orm: OrmName,
    readonly output: string,
    readonly statements: ExecutedStatement[] = [],
  ) {
    super(message);
    this.name = 'OrmCaseError';
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const ORMS_DIR = path.resolve(here, '..', 'orms');
const DB_MODULES_DIR = path.join(ORMS_DIR, 'db');
const RUNNER = path.join(here, 'runner.mjs');

/**
 * Runs scripts/setup-orms.mjs (a no-op taking milliseconds when test/orms is already installed and
 * the Prisma client generated; ~2 min on a fresh clone). Safe to call from several test files at
 * once: the script serialises itself with a lock.
 */
export function ensureOrmsSetUp(): void {
  const script = path.resolve(here, '..', '..', 'scripts', 'setup-orms.mjs');
  const res = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`scripts/setup-orms.mjs failed (exit ${res.status ?? res.signal})`);
  assertOrmsInstalled();
}

/** Throws a helpful error when `node scripts/setup-orms.mjs` has not been run. */
export function assertOrmsInstalled(): void {
  const missing = [
    path.join(ORMS_DIR, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    path.join(ORMS_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
    path.join(ORMS_DIR, 'generated', 'prisma', 'client.js'),
  ].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(
      `test/orms is not set up (missing ${missing.map((f) => path.relative(ORMS_DIR, f)).join(', ')}). ` +
        'Run `node scripts/setup-orms.mjs` (the root `pretest` script does).',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Transpiling

const EXAMPLE_DB_SPECIFIER = /^\.\/db(\.(js|ts|mjs|mts))?$/;

type SpecifierMap = (specifier: string) => string;

function rewriteSpecifiers(map: SpecifierMap): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const { factory } = context;
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateImportDeclaration(
          node,
          node.modifiers,
          node.importClause,
          factory.createStringLiteral(map(node.moduleSpecifier.text)),
          node.attributes,
        );
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateExportDeclaration(
          node,
          node.modifiers,
          node.isTypeOnly,
          node.exportClause,
          factory.createStringLiteral(map(node.moduleSpecifier.text)),
          node.attributes,
        );
      }
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        return factory.updateCallExpression(node, node.expression, node.typeArguments, [
          factory.createStringLiteral(map(node.arguments[0].text)),
          ...node.arguments.slice(1),
        ]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sourceFile) => ts.visitNode(sourceFile, visit) as ts.SourceFile;
  };
}

/** TypeScript -> ESM JavaScript. Specifiers are rewritten after TS has elided type-only imports. */
export function transpile(source: string, fileName: string, map: SpecifierMap): string {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      isolatedModules: true,
      sourceMap: false,
      inlineSourceMap: false,
    },
    transformers: { after: [rewriteSpecifiers(map)] },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const text = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`cannot transpile ${fileName}:\n${text}`);
  }
  return out.outputText;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/** The example: './db' (any extension) becomes './db.mjs' (`./db.mjs?run=<i>` in a group); packages stay bare; nothing else is allowed. */
function exampleSpecifier(specifier: string, run?: number): string {
  if (EXAMPLE_DB_SPECIFIER.test(specifier)) return run === undefined ? './db.mjs' : `./db.mjs?run=${run}`;
  if (isRelative(specifier) || specifier.startsWith('/') || specifier.startsWith('file:')) {
    throw new Error(
      `examples may import only './db' and packages installed in test/orms (got '${specifier}')`,
    );
  }
  return specifier;
}

const dbModuleCache = new Map<string, Map<string, string>>();

/**
 * Transpiles test/orms/db/<orm>.ts and the sibling .ts modules it imports into a set of .mjs
 * files (name -> text) for a case directory. Relative imports of other files (the generated
 * Prisma client) become absolute file URLs.
 */
function dbModuleFiles(orm: OrmName): Map<string, string> {
  const cached = dbModuleCache.get(orm);
  if (cached) return cached;
  const files = new Map<string, string>();
  const queue = [`${orm}.ts`];
  while (queue.length > 0) {
    const name = queue.shift()!;
    const outName = name === `${orm}.ts` ? 'db.mjs' : name.replace(/\.ts$/, '.mjs');
    if (files.has(outName)) continue;
    const file = path.join(DB_MODULES_DIR, name);
    const text = transpile(readFileSync(file, 'utf8'), file, (specifier) => {
      if (!isRelative(specifier)) return specifier;
      const sibling = path.resolve(DB_MODULES_DIR, specifier.replace(/\.(m?js)$/, '.ts'));
      if (path.dirname(sibling) === DB_MODULES_DIR && existsSync(sibling)) {
        queue.push(path.basename(sibling));
        return `./${path.basename(sibling).replace(/\.ts$/, '.mjs')}`;
      }
      return pathToFileURL(path.resolve(DB_MODULES_DIR, specifier)).href;
    });
    files.set(outName, text);
  }
  dbModuleCache.set(orm, files);
  return files;
}

// ---------------------------------------------------------------------------------------------
// Running

interface RunnerOutput {
  result: unknown;
  error?: { message: string; stack?: string };
  statements: ExecutedStatement[];
  warmMs: number;
  runMs: number;
}

export async function runOrmCase(c: OrmCase): Promise<OrmCaseResult> {
  if (!ORMS.includes(c.orm)) throw new Error(`unknown ORM '${c.orm}' (mongoose cannot run here: no MongoDB server)`);
  if (!Number.isInteger(c.n) || c.n < 1) throw new Error(`n must be a positive integer (got ${c.n})`);
  assertOrmsInstalled();

  const example = transpile(c.source, 'example.ts', exampleSpecifier);
  const dir = mkdtempSync(path.join(os.tmpdir(), `orm-case-${c.orm}-`));
  const keep = c.keepDir === true || process.env.ORM_HARNESS_KEEP === '1';
  try {
    symlinkSync(path.join(ORMS_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    for (const [name, text] of dbModuleFiles(c.orm)) writeFileSync(path.join(dir, name), text);
    writeFileSync(path.join(dir, 'example.mjs'), example);
    writeFileSync(path.join(dir, 'case.json'), JSON.stringify({ orm: c.orm, n: c.n, ormsDir: ORMS_DIR }));

    const output = await spawnRunner(dir, c.timeoutMs ?? 90_000);
    const resultFile = path.join(dir, 'result.json');
    if (!existsSync(resultFile)) {
      throw new OrmCaseError(`${c.orm}: the runner exited with code ${output.code} and no result\n${output.text}`, c.orm, output.text);
    }
    return toCaseResult(c.orm, JSON.parse(readFileSync(resultFile, 'utf8')) as RunnerOutput, output.text);
  } finally {
    if (keep) console.log(`[orm harness] kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs several examples of one ORM one after another in ONE child process, each on its own fresh
 * database seeded for its `n` and with its own instance of the db module (new clients, empty
 * identity maps and caches), and counts each separately. Cheaper than one process per example (the
 * ORM packages load once); ORM state cannot leak between runs because nothing is shared but the
 * loaded packages. Results keep input order; the first example that throws rejects the group.
 */
export async function runOrmGroup(orm: OrmName, runs: readonly { n: number; source: string }[], timeoutMs = 180_000): Promise<OrmCaseResult[]> {
  if (!ORMS.includes(orm)) throw new Error(`unknown ORM '${orm}' (mongoose cannot run here: no MongoDB server)`);
  for (const r of runs) if (!Number.isInteger(r.n) || r.n < 1) throw new Error(`n must be a positive integer (got ${r.n})`);
  assertOrmsInstalled();
  const examples = runs.map((r, i) => transpile(r.source, `example-${i}.ts`, (specifier) => exampleSpecifier(specifier, i)));
  const dir = mkdtempSync(path.join(os.tmpdir(), `orm-group-${orm}-`));
  const keep = process.env.ORM_HARNESS_KEEP === '1';
  try {
    symlinkSync(path.join(ORMS_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    for (const [name, text] of dbModuleFiles(orm)) writeFileSync(path.join(dir, name), text);
    examples.forEach((text, i) => writeFileSync(path.join(dir, `example-${i}.mjs`), text));
    writeFileSync(path.join(dir, 'case.json'), JSON.stringify({ orm, ormsDir: ORMS_DIR, runs: runs.map((r) => ({ n: r.n })) }));
    const output = await spawnRunner(dir, timeoutMs);
    const resultFile = path.join(dir, 'result.json');
    if (!existsSync(resultFile)) {
      throw new OrmCaseError(`${orm}: the runner exited with code ${output.code} and no result\n${output.text}`, orm, output.text);
    }
    const parsed = JSON.parse(readFileSync(resultFile, 'utf8')) as { runs: RunnerOutput[] };
    return parsed.runs.map((r, i) => toCaseResult(orm, r, output.text, `run ${i} (n = ${runs[i]!.n})`));
  } finally {
    if (keep) console.log(`[orm harness] kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function toCaseResult(orm: OrmName, r: RunnerOutput, output: string, label?: string): OrmCaseResult {
  if (r.error) {
    throw new OrmCaseError(`${orm}${label ? ` ${label}` : ''}: ${r.error.message}\n${r.error.stack ?? ''}\n${output}`.trimEnd(), orm, output, r.statements);
  }
  const data = r.statements.filter((s) => s.kind === 'data');
  return {
    result: r.result,
    dataStatements: data.length,
    otherStatements: r.statements.length - data.length,
    rowsReturned: data.reduce((sum, s) => sum + s.rows, 0),
    statements: r.statements.map((s) => s.sql),
    details: r.statements,
    runMs: r.runMs,
    warmMs: r.warmMs,
  };
}

/** Runs cases with bounded parallelism (each case is a child process); results keep input order. */
export async function runOrmCases(cases: OrmCase[], concurrency = Math.max(1, Math.min(2, os.availableParallelism()))): Promise<OrmCaseResult[]> {
  const results = new Array<OrmCaseResult>(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runOrmCase(cases[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return results;
}

function spawnRunner(dir: string, timeoutMs: number): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.ORM_CASE_DB;
    delete env.NODE_OPTIONS; // vitest/tsx loaders must not apply to the plain-Node child
    const child = spawn(process.execPath, [RUNNER, dir], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const collect = (chunk: Buffer) => {
      if (text.length < 64_000) text += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runtime case timed out after ${timeoutMs} ms in ${dir}\n${text}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, text });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Comparing results

/** Canonical JSON (the runner already sorts keys; this also covers values built in the parent). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function sameResult(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
