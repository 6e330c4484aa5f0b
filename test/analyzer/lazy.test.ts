import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { getOrmAnalysis, type OrmAnalysis } from '../../src/analyzer/index.js';

/** Runs `visit` with the analysis of `code` once the whole file has been traversed. */
function withAnalysis(code: string, visit: (orm: OrmAnalysis, program: TSESTree.Program, text: (n: TSESTree.Node) => string) => void): void {
  const probe: TSESLint.RuleModule<string> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      return {
        'Program:exit'(program: TSESTree.Program) {
          visit(getOrmAnalysis(context), program, (n) => context.sourceCode.getText(n));
        },
      };
    },
  };
  const messages = new Linter().verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { probe: { rules: { probe: probe as never } } }, rules: { 'probe/probe': 'error' } }],
    'file.ts',
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
}

function find<T extends TSESTree.Node>(root: TSESTree.Node, pred: (n: TSESTree.Node) => n is T): T[] {
  const out: T[] = [];
  const walk = (n: TSESTree.Node): void => {
    if (pred(n)) out.push(n);
    for (const [key, value] of Object.entries(n)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof (child as TSESTree.Node).type === 'string') walk(child as TSESTree.Node);
      }
    }
  };
  walk(root);
  return out;
}

const isCall = (n: TSESTree.Node): n is TSESTree.CallExpression => n.type === AST_NODE_TYPES.CallExpression;
const isDeclarator = (n: TSESTree.Node): n is TSESTree.VariableDeclarator => n.type === AST_NODE_TYPES.VariableDeclarator;

describe('lazy queries', () => {
  it('knows which calls build an unsent query, and where each one goes', () => {
    const seen: string[] = [];
    withAnalysis(
      `
import knex from 'knex';
import { Kysely } from 'kysely';
import { PrismaClient } from '@prisma/client';
declare const kdb: Kysely<any>;
const db = knex({ client: 'pg' });
const prisma = new PrismaClient();
async function f(ok: boolean) {
  db('a').del();
  await db('b');
  ok && db('c').del();
  void db('d').del();
  db('e').then(() => 1);
  const x = db('f');
  await Promise.all([kdb.selectFrom('g').selectAll()]);
  await prisma.$transaction([prisma.user.create({ data: {} })]);
  [1].forEach(() => db('h').del());
  kdb.selectFrom('i').selectAll().execute();
  return db('j');
}
`,
      (orm, program, text) => {
        for (const call of find(program, isCall)) {
          const lazy = orm.lazy.lazyQuery(call);
          if (!lazy) continue;
          const where = orm.lazy.valueContext(call);
          const detail = where.kind === 'dropped' ? `${where.direct ? 'direct' : 'branch'}${where.voidNode ? ' void' : ''}${where.forEachCallback ? ' forEach' : ''}` : '';
          seen.push(`${text(call)} | ${lazy.thenable ? 'thenable' : 'inert'} | ${where.kind} ${detail}`.trim());
        }
      },
    );
    expect(seen).toEqual([
      "db('a').del() | thenable | dropped direct",
      "db('b') | thenable | awaited",
      "db('c').del() | thenable | dropped branch",
      "db('d').del() | thenable | dropped branch void",
      "db('e') | thenable | member",
      "db('f') | thenable | declared",
      "kdb.selectFrom('g').selectAll() | inert | awaited",
      'prisma.user.create({ data: {} }) | thenable | passed',
      "db('h').del() | thenable | dropped branch forEach",
      "db('j') | thenable | returned",
    ]);
  });

  it('classifies what the code does with a builder variable', () => {
    const seen: Record<string, string[]> = {};
    withAnalysis(
      `
import knex from 'knex';
import { Kysely } from 'kysely';
declare const kdb: Kysely<any>;
const db = knex({ client: 'pg' });
async function f() {
  const q = db('users');
  q.where('a', 1);
  const rows = await q;
  const n = await q.clone().count();
  const sql = q.toSQL();
  const filtered = q.where('b', 2);
  await db('x').whereIn('id', q);
  const first = await q.first();
  q.then(() => 1);
  let k = kdb.selectFrom('users').selectAll();
  k.where('id', '=', 1);
  k = k.orderBy('id');
  await k;
  return [rows, n, sql, filtered, first, await k.execute()];
}
`,
      (orm, program) => {
        for (const declarator of find(program, isDeclarator)) {
          const variable = orm.lazy.builderVariable(declarator);
          if (variable) seen[variable.name] = variable.uses.map((u) => `${u.kind}${u.methods.length > 0 ? `:${u.methods.join('.')}` : ''}${u.executes ? '!' : ''}${u.awaitsInert ? '?' : ''}${u.reshape ? `~${u.reshape}` : ''}`);
        }
      },
    );
    expect(seen).toEqual({
      q: ['mutate:where', 'execute!', 'clone:clone', 'value:toSQL', 'derive:where', 'pass', 'derive:first!~first', 'execute:then!'],
      filtered: ['pass'],
      k: ['discard:where', 'mutate:orderBy', 'other?', 'execute:execute!'],
    });
  });

  it('orders uses only when the first surely runs before the second', () => {
    const verdicts: boolean[] = [];
    withAnalysis(
      `
import knex from 'knex';
const db = knex({ client: 'pg' });
async function f(ok: boolean, ids: number[]) {
  const q = db('users');
  await q;
  await q;
  if (ok) { await q; } else { await q; }
  for (const id of ids) await q;
  try { await q; } catch { await q; }
  const g = () => q;
}
`,
      (orm, program) => {
        const declarator = find(program, isDeclarator).find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === 'q')!;
        const uses = orm.lazy.builderVariable(declarator)!.uses.map((u) => u.end);
        const [a, b, thenBranch, elseBranch, inLoop, inTry, inCatch, inClosure] = uses;
        verdicts.push(
          orm.lazy.runsBefore(a!, b!),
          orm.lazy.runsBefore(b!, a!),
          orm.lazy.runsBefore(thenBranch!, elseBranch!),
          orm.lazy.runsBefore(b!, inLoop!),
          orm.lazy.runsBefore(inLoop!, inTry!),
          orm.lazy.runsBefore(inTry!, inCatch!),
          orm.lazy.runsBefore(b!, inClosure!),
        );
      },
    );
    expect(verdicts).toEqual([true, false, false, true, false, false, false]);
  });
});
