import rule from '../../src/rules/no-query-reuse.js';
import { typedRuleTester } from '../rule-tester.js';

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
