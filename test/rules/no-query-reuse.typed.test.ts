import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import rule from '../../src/rules/no-query-reuse.js';
import { typedRuleTester } from '../rule-tester.js';
import { typeErrors } from '../typecheck-output.js';

typedRuleTester.run('no-query-reuse (typed)', rule, {
  valid: [
    {
      name: 'real Prisma types: a PrismaPromise awaited twice sends one query',
      code: `
import { prisma } from './models';
export async function twice() {
  const users = prisma.user.findMany();
  return [await users, await users];
}
`,
    },
  ],
  invalid: [
    {
      name: 'a typed Knex builder awaited twice',
      code: `
import { knex } from 'knex';
const db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' } });
export async function twice() {
  const active = db('users').where('active', true);
  const rows = await active;
  const again = await active;
  return [rows, again];
}
`,
      errors: [
        {
          messageId: 'executedTwice',
          data: { name: 'active', line: '6', orm: 'Knex' },
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'useFirstResult',
              data: { result: 'rows', line: '6' },
              output: `
import { knex } from 'knex';
const db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' } });
export async function twice() {
  const active = db('users').where('active', true);
  const rows = await active;
  const again = rows;
  return [rows, again];
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a typed Mongoose query awaited twice',
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function twice() {
  const query = User.find({ name: 'a' });
  const docs = await query;
  const again = await query;
  return [docs, again];
}
`,
      errors: [
        {
          messageId: 'executedTwiceThrows',
          data: { name: 'query', line: '6', orm: 'Mongoose', clone: 'clone' },
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useFirstResult',
              data: { result: 'docs', line: '6' },
              output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function twice() {
  const query = User.find({ name: 'a' });
  const docs = await query;
  const again = docs;
  return [docs, again];
}
`,
            },
            {
              messageId: 'useClone',
              data: { name: 'query', clone: 'clone' },
              output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function twice() {
  const query = User.find({ name: 'a' });
  const docs = await query.clone();
  const again = await query;
  return [docs, again];
}
`,
            },
          ],
        },
      ],
    },

  ],
});

/** Every suggestion output the rule produces for `code` (syntax-only lint; the edits do not depend on types). */
function suggestionOutputs(code: string): string[] {
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { orm: plugin as never }, rules: { 'orm/no-query-reuse': 'error' as const } }];
  return new Linter()
    .verify(code, config, 'file.ts')
    .flatMap((message) => message.suggestions ?? [])
    .map((suggestion) => code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]));
}

describe('no-query-reuse suggestion outputs', () => {
  it('type-check against the real ORM types', () => {
    const sources = [
      `
import { knex } from 'knex';
const db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' } });
const shared = db('users');
export const byId = (id: number) => shared.where({ id }).first();
export async function page() {
  const active = db('users').where('active', true);
  const rows = await active;
  const again = await active;
  const query = db('users');
  const [{ n }] = await query.count('* as n');
  const list = await query.select('*').limit(10);
  return { rows, again, n, list };
}
`,
      `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function twice() {
  const query = User.find({ name: 'a' });
  const docs = await query;
  const again = await query;
  return [docs, again];
}
`,
      `
import { Kysely } from 'kysely';
interface DB {
  users: { id: number; name: string };
}
declare const db: Kysely<DB>;
export async function search(name?: string) {
  let query = db.selectFrom('users').selectAll();
  if (name) query.where('name', '=', name);
  return query.execute();
}
`,
    ];
    const outputs = sources.flatMap(suggestionOutputs);
    expect(outputs.length).toBe(6);
    expect(typeErrors(outputs)).toEqual(outputs.map(() => []));
  });
});
