import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { comparatorOf, predicateOf, type FunctionLike, type RowUse, type ValueFlow } from '../../src/analyzer/dataflow.js';
import { getOrmAnalysis } from '../../src/analyzer/index.js';

interface SeenFlow {
  readonly call: string;
  readonly shape: string;
  readonly escapes: boolean;
  readonly fields: string[] | undefined;
  readonly uses: string[];
  readonly binding: boolean;
}

/** `kind`, plus `+`/`-` for emptiness tests (true when rows exist / when none do) and details. */
function describeUse(use: RowUse): string {
  let out = use.kind;
  if (use.present !== undefined) out += use.present ? '+' : '-';
  if (use.sentinel !== undefined && use.sentinel !== 'any') out += `(${use.sentinel})`;
  if (use.field !== undefined && use.kind === 'map-field') out += `(${use.field})`;
  if (use.index !== undefined) out += `[${use.index}]`;
  if (use.dedupe) out += '(dedupe)';
  if (use.derived) out += ` → {${describeFlow(use.derived).join(', ')}}`;
  return out;
}

function describeFlow(flow: ValueFlow): string[] {
  return flow.uses.map(describeUse);
}

/** The data flow of every awaited query in `code`. */
function flows(code: string): SeenFlow[] {
  const seen: SeenFlow[] = [];
  const probe: TSESLint.RuleModule<string> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      const orm = getOrmAnalysis(context);
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const query = orm.queryAt(node);
          const flow = query && orm.rowUses(query);
          if (!flow) return;
          seen.push({
            call: context.sourceCode.getText(node),
            shape: flow.shape,
            escapes: flow.escapes,
            fields: flow.fields && [...flow.fields],
            uses: describeFlow(flow),
            binding: flow.binding !== undefined,
          });
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
  return seen;
}

const P = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;
const one = (body: string) => flows(`${P}export async function f(x: any, res: any) {\n${body}\n}`);
const usesOf = (body: string) => one(body).map((f) => f.uses);

describe('rowUses: what the code does with a query result', () => {
  it('follows a const binding to every read', () => {
    expect(one(`const users = await prisma.user.findMany(); const n = users.length; return users.length > 0;`)).toEqual([
      { call: 'prisma.user.findMany()', shape: 'rows', escapes: false, fields: [], uses: ['length', 'emptiness+'], binding: true },
    ]);
  });

  it('classifies emptiness tests of a length, a count and a row', () => {
    expect(usesOf(`const r = await prisma.user.findMany();
if (r.length) {} if (!r.length) {} r.length === 0; 0 < r.length; r.length >= 1; r.length < 1; r.length != 0; r.length > 5; Boolean(r.length);`)).toEqual([
      ['emptiness+', 'emptiness+', 'emptiness-', 'emptiness+', 'emptiness+', 'emptiness-', 'emptiness+', 'length', 'emptiness+'],
    ]);
    expect(usesOf(`const n = await prisma.user.count(); n > 0; n === 0; !n; x = n * 2;`)).toEqual([['emptiness+', 'emptiness-', 'emptiness+', 'number']]);
    expect(usesOf(`const u = await prisma.user.findFirst(); if (u) {} u === null; u !== undefined; u == null; x = u.name;`)).toEqual([
      ['emptiness+', 'emptiness-(null)', 'emptiness+(undefined)', 'emptiness-', 'fields'],
    ]);
  });

  it('a truthiness test of an array is a null check (arrays are always truthy)', () => {
    expect(usesOf(`const r = await prisma.user.findMany(); if (r && r.length > 0) {}`)).toEqual([['nullcheck', 'emptiness+']]);
  });

  it('reads per-row fields through callbacks, loops, indexes and destructuring', () => {
    const [flow] = one(`const rows = await prisma.user.findMany();
rows.map((r) => r.id); rows.map(({ email }) => email); rows.filter((r) => r.active).forEach((r) => console.log(r.name));
for (const { city } of rows) console.log(city);
const [first] = rows; console.log(first.zip, rows[1]?.phone, rows.at(-1)!.country);`);
    expect(flow!.uses).toEqual([
      'map-field(id)',
      'map-field(email)',
      'filter → {each}',
      'iterate → {fields}',
      'index[0] → {fields}',
      'index[1] → {fields}',
      'index[-1] → {fields}',
    ]);
    expect(flow!.fields).toEqual(['id', 'email', 'active', 'name', 'city', 'zip', 'phone', 'country']);
    expect(flow!.escapes).toBe(false);
  });

  it('a sorted or sliced copy is followed like the rows', () => {
    expect(usesOf(`return (await prisma.post.findMany()).sort((a, b) => a.views - b.views).slice(0, 3).length;`)).toEqual([
      ['sort → {slice → {length}}'],
    ]);
  });

  it('marks a map that only feeds new Set() as deduplication', () => {
    expect(usesOf(`return [...new Set((await prisma.order.findMany()).map((o) => o.customerId))];`)).toEqual([['map-field(customerId)(dedupe)']]);
    expect(usesOf(`return Array.from(new Set((await prisma.order.findMany()).map((o) => o.customerId)));`)).toEqual([['map-field(customerId)(dedupe)']]);
    // A Set kept as a set is a lookup structure.
    expect(usesOf(`const ids = new Set((await prisma.order.findMany()).map((o) => o.customerId)); return ids.has(1);`)).toEqual([['map-field(customerId)']]);
  });

  it('Array.isArray(rows) reads nothing from the rows', () => {
    expect(usesOf(`const r = await prisma.user.findMany(); if (Array.isArray(r) && r.length > 0) return r.map((u) => u.id);`)).toEqual([['nullcheck', 'emptiness+', 'map-field(id)']]);
  });

  it('rows that leave the code escape: returned, passed, serialised, stored, spread', () => {
    for (const body of [
      `const r = await prisma.user.findMany(); return r;`,
      `const r = await prisma.user.findMany(); console.log(r);`,
      `const r = await prisma.user.findMany(); res.json(r);`,
      `const r = await prisma.user.findMany(); JSON.stringify(r);`,
      `const r = await prisma.user.findMany(); x.users = r;`,
      `const r = await prisma.user.findMany(); return { r };`,
      `const r = await prisma.user.findMany(); return [...r];`,
      `const r = await prisma.user.findMany(); return \`\${r}\`;`,
      `const r = await prisma.user.findMany(); return r.map(toDto);`,
    ]) {
      expect(one(body)[0], body).toMatchObject({ escapes: true, fields: undefined });
    }
  });

  it('a row that leaves a callback, or whose method is called, escapes', () => {
    expect(one(`return (await prisma.user.findMany()).map((u) => u);`)[0]).toMatchObject({ escapes: true, uses: ['map'] });
    expect(one(`return (await prisma.user.findMany()).map((u) => u.save());`)[0]).toMatchObject({ escapes: true });
    expect(one(`return (await prisma.user.findMany()).map((u) => u[x]);`)[0]).toMatchObject({ escapes: true });
    expect(one(`return (await prisma.user.findMany()).map((u) => ({ ...u }));`)[0]).toMatchObject({ escapes: true });
  });

  it('a reassigned variable may hold other rows: unknown', () => {
    expect(usesOf(`let r = await prisma.user.findMany(); r = []; return r.length;`)).toEqual([['unknown']]);
  });

  it('sees through type wrappers, optional chains and `?? []`', () => {
    expect(usesOf(`const r = ((await prisma.user.findMany()) as any[]) ?? []; return r?.length;`)).toEqual([['length']]);
  });

  it('has no flow for a query that is not awaited, and none for a discarded result', () => {
    expect(one(`return prisma.user.findMany();`)).toEqual([]);
    expect(usesOf(`await prisma.user.findMany();`)).toEqual([[]]);
  });

  it('knows what each ORM yields: rows, one row, a number, or nothing it can follow', () => {
    const seen = flows(`
import { Repository } from 'typeorm';
import knex from 'knex';
const db = knex({ client: 'pg' });
class S {
  constructor(private readonly repo: Repository<User>) {}
  async f() {
    const a = await this.repo.findBy({ id: 1 });
    const [b, n] = await this.repo.findAndCount();
    const c = await db('users').where({ id: 1 }).first();
    const d = await db('users').pluck('id');
    const e = await this.repo.countBy({ id: 1 });
    return [a, b, c, d, e, n];
  }
}`);
    expect(seen.map((f) => [f.call, f.shape])).toEqual([
      ['this.repo.findBy({ id: 1 })', 'rows'],
      ["db('users').where({ id: 1 }).first()", 'row'],
      ['this.repo.countBy({ id: 1 })', 'number'],
    ]);
  });
});

describe('predicateOf / comparatorOf: in-memory steps that could move into the query', () => {
  const callbackIn = (code: string): { sourceCode: Readonly<TSESLint.SourceCode>; callback: FunctionLike; query: TSESTree.Node } => {
    let result: { sourceCode: Readonly<TSESLint.SourceCode>; callback: FunctionLike; query: TSESTree.Node } | undefined;
    const probe: TSESLint.RuleModule<string> = {
      defaultOptions: [],
      meta: { type: 'problem', messages: {}, schema: [] },
      create(context) {
        let query: TSESTree.Node | undefined;
        return {
          AwaitExpression(node: TSESTree.AwaitExpression) {
            query ??= node;
          },
          'CallExpression > ArrowFunctionExpression'(node: TSESTree.ArrowFunctionExpression) {
            result ??= { sourceCode: context.sourceCode, callback: node, query: query! };
          },
        };
      },
    };
    new Linter().verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { p: probe as never } } }, rules: { 'p/p': 'error' } }], 'file.ts');
    return result!;
  };
  const predicate = (code: string) => {
    const { sourceCode, callback, query } = callbackIn(code);
    return predicateOf(sourceCode, callback, query);
  };

  it('an equality with a value known before the query', () => {
    expect(predicate(`async function f(email: string) { const r = await q(); r.filter((u) => u.email === email); }`)).toEqual({ kind: 'equals', field: 'email', value: 'email' });
    expect(predicate(`async function f() { const r = await q(); r.filter((u) => 'admin' == u.role); }`)).toEqual({ kind: 'equals', field: 'role', value: "'admin'" });
    expect(predicate(`async function f(o: { id: number }) { const r = await q(); r.find((u) => u.ownerId === o.id); }`)).toEqual({ kind: 'equals', field: 'ownerId', value: 'o.id' });
  });

  it('a boolean field', () => {
    expect(predicate(`async function f() { const r = await q(); r.filter((p) => p.published); }`)).toEqual({ kind: 'true', field: 'published' });
  });

  it('nothing for values computed after the query, calls, null comparisons and other shapes', () => {
    expect(predicate(`async function f() { const r = await q(); const w = 1; r.filter((u) => u.id === w); }`)).toBeUndefined();
    expect(predicate(`async function f() { const r = await q(); r.filter((u) => u.id === next()); }`)).toBeUndefined();
    expect(predicate(`async function f() { const r = await q(); r.filter((u) => u.deletedAt === null); }`)).toBeUndefined();
    expect(predicate(`async function f() { const r = await q(); r.filter((u) => u.a === u.b); }`)).toBeUndefined();
    expect(predicate(`async function f() { const r = await q(); r.filter((u) => u.n > 3); }`)).toBeUndefined();
    expect(predicate(`async function f() { const r = await q(); r.filter((u, i) => i === 0); }`)).toBeUndefined();
  });

  it('comparators by one field, both directions', () => {
    const order = (code: string) => comparatorOf(callbackIn(`async function f() { const r = await q(); ${code} }`).callback);
    expect(order(`r.sort((a, b) => a.score - b.score);`)).toEqual({ field: 'score', direction: 'asc' });
    expect(order(`r.sort((a, b) => b.score - a.score);`)).toEqual({ field: 'score', direction: 'desc' });
    expect(order(`r.sort((x, y) => x.name.localeCompare(y.name));`)).toEqual({ field: 'name', direction: 'asc' });
    expect(order(`r.sort((x, y) => y.name.localeCompare(x.name));`)).toEqual({ field: 'name', direction: 'desc' });
    expect(order(`r.sort((a, b) => a.x - b.y);`)).toBeUndefined();
    expect(order(`r.sort((a, b) => (a.x < b.x ? -1 : 1));`)).toBeUndefined();
  });
});
