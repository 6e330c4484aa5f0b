import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import rule from '../../src/rules/no-unexecuted-query.js';
import { ruleTester, typedRuleTester } from '../rule-tester.js';
import { typeErrors } from '../typecheck-output.js';

// A Prisma look-alike: the same call shape on a plain object. Without types the shape is all the rule sees, so it
// reports; with types the checker shows `findMany` is declared here, not by Prisma, and the rule stays silent.
const lookAlike = `
const api = { user: { findMany: async () => [] as string[] } };
export function refresh() {
  api.user.findMany();
}
`;

ruleTester.run('no-unexecuted-query (syntax only: a look-alike with the Prisma shape)', rule, {
  valid: [],
  invalid: [
    {
      code: lookAlike,
      errors: [{ messageId: 'notExecuted', data: { call: 'api.user.findMany()', orm: 'Prisma', effect: '' }, line: 4, column: 3, endLine: 4, endColumn: 22 }],
    },
  ],
});

typedRuleTester.run('no-unexecuted-query (typed)', rule, {
  valid: [
    { name: 'the checker rejects a look-alike', code: lookAlike },
    {
      name: 'a parameter typed as a Knex builder is changed, not started',
      code: `
import type { Knex } from 'knex';
export function onlyActive(query: Knex.QueryBuilder) {
  query.select('id');
  query.where('active', true);
}
`,
    },
    {
      name: 'a MikroORM 6 QueryBuilder is thenable: awaiting it runs it',
      code: `
import type { EntityManager } from '@mikro-orm/knex';
export async function books(em: EntityManager) {
  return await em.createQueryBuilder('Book').where({ id: 1 });
}
`,
    },
  ],
  invalid: [
    {
      name: 'real Prisma client types confirm a dropped write',
      code: `
import { prisma } from './models';
export async function signUp(name: string) {
  prisma.user.create({ data: { name } });
}
`,
      output: `
import { prisma } from './models';
export async function signUp(name: string) {
  await prisma.user.create({ data: { name } });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'prisma.user.create(…)', orm: 'Prisma', effect: ', and nothing is written' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 41,
        },
      ],
    },
    {
      name: 'the checker says a Kysely builder is not thenable',
      code: `
import { Kysely } from 'kysely';
interface DB {
  users: { id: number; name: string };
}
declare const db: Kysely<DB>;
export async function listUsers() {
  return await db.selectFrom('users').selectAll();
}
`,
      errors: [
        {
          messageId: 'awaitNotThenable',
          data: { call: "db.selectFrom('users').selectAll()", orm: 'Kysely', terminal: 'execute()' },
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'execute()' },
              output: `
import { Kysely } from 'kysely';
interface DB {
  users: { id: number; name: string };
}
declare const db: Kysely<DB>;
export async function listUsers() {
  return await db.selectFrom('users').selectAll().execute();
}
`,
            },
            {
              messageId: 'addTerminal',
              data: { terminal: 'executeTakeFirst()' },
              output: `
import { Kysely } from 'kysely';
interface DB {
  users: { id: number; name: string };
}
declare const db: Kysely<DB>;
export async function listUsers() {
  return await db.selectFrom('users').selectAll().executeTakeFirst();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a TypeORM query builder from a typed repository',
      code: `
import { usersRepository } from './models';
export async function activeUsers() {
  return await usersRepository().createQueryBuilder('u').where('u.name = :name', { name: 'a' });
}
`,
      errors: [
        {
          messageId: 'awaitNotThenable',
          data: { call: "usersRepository().createQueryBuilder('u').where(…)", orm: 'TypeORM', terminal: 'getMany()' },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 96,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'getMany()' },
              output: `
import { usersRepository } from './models';
export async function activeUsers() {
  return await usersRepository().createQueryBuilder('u').where('u.name = :name', { name: 'a' }).getMany();
}
`,
            },
            {
              messageId: 'addTerminal',
              data: { terminal: 'getOne()' },
              output: `
import { usersRepository } from './models';
export async function activeUsers() {
  return await usersRepository().createQueryBuilder('u').where('u.name = :name', { name: 'a' }).getOne();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a dropped Drizzle insert on a typed database',
      code: `
import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name') });
declare const db: BetterSQLite3Database;
export async function addUser(name: string) {
  db.insert(users).values({ name });
}
`,
      output: `
import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name') });
declare const db: BetterSQLite3Database;
export async function addUser(name: string) {
  await db.insert(users).values({ name });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'db.insert(…).values(…)', orm: 'Drizzle', effect: ', and nothing is written' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 36,
        },
      ],
    },

  ],
});

/** Every autofix and suggestion output the rule produces for `code` (syntax-only lint; the edits do not depend on types). */
function outputsOf(code: string): string[] {
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { orm: plugin as never }, rules: { 'orm/no-unexecuted-query': 'error' as const } }];
  const linter = new Linter();
  const outputs: string[] = [];
  for (const message of linter.verify(code, config, 'file.ts')) {
    for (const suggestion of message.suggestions ?? []) {
      outputs.push(code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]));
    }
  }
  const fixed = linter.verifyAndFix(code, config, 'file.ts');
  if (fixed.fixed) outputs.push(fixed.output);
  return outputs;
}

describe('no-unexecuted-query outputs', () => {
  it('type-check against the real ORM types', () => {
    const sources = [
      `
import { prisma } from './models';
export async function signUp(name: string, email: string) {
  prisma.user.create({ data: { name, email } });
}
`,
      `
import { Kysely } from 'kysely';
interface DB {
  users: { id: number; name: string };
}
declare const db: Kysely<DB>;
export async function listUsers() {
  const query = db.selectFrom('users').selectAll();
  db.deleteFrom('users').where('id', '=', 1);
  return [await db.selectFrom('users').selectAll(), await query];
}
`,
      `
import { usersRepository } from './models';
export async function activeUsers() {
  const qb = await usersRepository().createQueryBuilder('u').where('u.name = :name', { name: 'a' });
  qb.andWhere('u.id > 0');
  return [await usersRepository().createQueryBuilder('u').where('u.id = 1'), await qb.getMany()];
}
`,
    ];
    const outputs = sources.flatMap(outputsOf);
    expect(outputs.length).toBe(9);
    expect(typeErrors(outputs)).toEqual(outputs.map(() => []));
  });
});
