import rule from '../../src/rules/no-query-reuse.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-query-reuse', rule, {
  valid: [
    // Prisma memoises a PrismaPromise: awaiting it twice sends one query.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function twice() {
  const users = prisma.user.findMany();
  const a = await users;
  const b = await users;
  return [a, b];
}
`,
    // Mutating statements on a mutable builder, then one run: the normal way to build a query.
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function search(id?: number) {
  const query = db('users');
  query.where('active', true);
  if (id) query.where('id', id);
  const rows = await query;
  const [{ n }] = await query.clone().count('* as n');
  return { rows, n };
}
`,
    // Count, then page the same TypeORM builder: getCount() is a terminal, the page query means to keep the filter.
    `
import { Repository } from 'typeorm';
export async function page(repo: Repository<unknown>, take: number) {
  const qb = repo.createQueryBuilder('a').leftJoinAndSelect('a.author', 'u');
  qb.where('1 = 1');
  const count = await qb.getCount();
  qb.limit(take);
  const items = await qb.getMany();
  return { count, items };
}
`,
    // Executions in different branches, or a retry in a catch block.
    `
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function byRole(admin: boolean) {
  const query = db.select().from(users).$dynamic();
  if (admin) return query.where(eq(users.role, 'admin'));
  return query.where(eq(users.role, 'guest'));
}
export async function retry() {
  const query = db.select().from(users);
  try {
    return await query;
  } catch {
    return await query;
  }
}
`,
    // Kysely builders are immutable: two queries from one base are independent.
    `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function page() {
  const base = db.selectFrom('users').where('active', '=', true);
  let query = db.selectFrom('pets').selectAll();
  query = query.where('id', '=', 1);
  const [rows, count] = await Promise.all([base.selectAll().execute(), base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()]);
  return [rows, count, await query.execute()];
}
`,
    // Copies made with clone().
    `
import knex from 'knex';
import mongoose from 'mongoose';
const db = knex({ client: 'pg' });
const users = db('users');
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export const findUser = (id: number) => users.clone().where({ id }).first();
export async function page() {
  const query = User.find({ active: true });
  const total = await query.clone().countDocuments();
  const docs = await query.limit(20);
  return { total, docs };
}
export async function each(ids: number[]) {
  const query = db('users');
  for (const id of ids) await query.clone().where({ id });
}
`,
    // Mongoose cursor() streams without marking the query as executed.
    `
import mongoose from 'mongoose';
const Reading = mongoose.model('Reading', new mongoose.Schema({ value: Number }));
export async function scan() {
  const query = Reading.find({ value: { $gt: 0 } });
  const cursor = query.cursor();
  const total = await query.countDocuments();
  return { cursor, total };
}
`,
    // MikroORM getCount() runs a copy: the builder stays open.
    `
import { EntityManager } from '@mikro-orm/postgresql';
export async function page(em: EntityManager) {
  const qb = em.createQueryBuilder('Book').select('*');
  const count = await qb.getCount();
  qb.limit(10);
  return [count, await qb.getResultList()];
}
`,
    // A changed builder runs again: a different query, not a repeat.
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function twoSteps() {
  const query = db('users');
  const all = await query;
  query.where('active', true);
  const active = await query;
  return { all, active };
}
`,
    // Sequelize has no query objects.
    `
import { Model } from 'sequelize';
class User extends Model {}
export async function twice() {
  const a = await User.findAll();
  const b = await User.findAll();
  return [a, b];
}
`,
  ],
  invalid: [
    // The same builder executed twice: Knex, Drizzle, Objection, MikroORM 6, TypeORM and Kysely terminals run it again.
    {
      name: 'a Knex builder awaited twice',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function report() {
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
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function report() {
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
      name: 'a TypeORM terminal called twice',
      code: `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export async function twice(repo: Repository<User>) {
  const qb = repo.createQueryBuilder('u').where('u.active = true');
  const first = await qb.getMany();
  const second = await qb.getMany();
  return [first, second];
}
`,
      errors: [
        {
          messageId: 'executedTwice',
          data: { name: 'qb', line: '6', orm: 'TypeORM' },
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useFirstResult',
              data: { result: 'first', line: '6' },
              output: `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export async function twice(repo: Repository<User>) {
  const qb = repo.createQueryBuilder('u').where('u.active = true');
  const first = await qb.getMany();
  const second = first;
  return [first, second];
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Kysely builder executed twice',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function count() {
  const query = db.selectFrom('users').selectAll();
  const a = await query.execute();
  const b = await query.execute();
  return [a, b];
}
`,
      errors: [
        {
          messageId: 'executedTwice',
          data: { name: 'query', line: '6', orm: 'Kysely' },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useFirstResult',
              data: { result: 'a', line: '6' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function count() {
  const query = db.selectFrom('users').selectAll();
  const a = await query.execute();
  const b = a;
  return [a, b];
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Drizzle select awaited twice',
      code: `
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function twice(id: number) {
  const user = db.select().from(users).where(eq(users.id, id));
  const [first] = await user;
  const [again] = await user;
  return [first, again];
}
`,
      errors: [
        {
          messageId: 'executedTwice',
          data: { name: 'user', line: '8', orm: 'Drizzle' },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 29,
        },
      ],
    },
    {
      name: 'a MikroORM 6 QueryBuilder awaited twice',
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function twice(em: EntityManager) {
  const qb = em.createQueryBuilder(Book).where({ published: true });
  const books = await qb;
  const again = await qb;
  return [books, again];
}
`,
      errors: [
        {
          messageId: 'executedTwice',
          data: { name: 'qb', line: '6', orm: 'MikroORM' },
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useFirstResult',
              data: { result: 'books', line: '6' },
              output: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function twice(em: EntityManager) {
  const qb = em.createQueryBuilder(Book).where({ published: true });
  const books = await qb;
  const again = books;
  return [books, again];
}
`,
            },
          ],
        },
      ],
    },
    // Mongoose throws `Query was already executed`.
    {
      name: 'a Mongoose query awaited twice',
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function twice() {
  const query = User.find({ active: true });
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
  const query = User.find({ active: true });
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
  const query = User.find({ active: true });
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
    {
      name: 'a Mongoose query counted, then run again',
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function page() {
  const query = User.find({ active: true });
  const total = await query.countDocuments();
  const docs = await query.limit(20);
  return { total, docs };
}
`,
      errors: [
        {
          messageId: 'executedTwiceThrows',
          data: { name: 'query', line: '6', orm: 'Mongoose', clone: 'clone' },
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'query', clone: 'clone' },
              output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function page() {
  const query = User.find({ active: true });
  const total = await query.clone().countDocuments();
  const docs = await query.limit(20);
  return { total, docs };
}
`,
            },
          ],
        },
      ],
    },
    // Mutable builders used as the base of two queries.
    {
      name: 'Knex: count() turns the base into a COUNT query',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function page() {
  const query = db('users').where('active', true);
  const [{ count }] = await query.count('* as count');
  const rows = await query.select('*').limit(20);
  return { count, rows };
}
`,
      errors: [
        {
          messageId: 'reshapedBuilder',
          data: { reshape: 'count', line: '6', name: 'query', orm: 'Knex', remedy: 'Start each query from a copy: `query.clone()`.' },
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'query', clone: 'clone' },
              output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function page() {
  const query = db('users').where('active', true);
  const [{ count }] = await query.clone().count('* as count');
  const rows = await query.select('*').limit(20);
  return { count, rows };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Objection: first() stays on the base',
      code: `
import { Model } from 'objection';
class Person extends Model {}
export async function adults() {
  const query = Person.query().where('age', '>=', 18);
  const first = await query.first();
  const everyone = await query;
  return { first, everyone };
}
`,
      errors: [
        {
          messageId: 'reshapedBuilder',
          data: { reshape: 'first', line: '6', name: 'query', orm: 'Objection', remedy: 'Start each query from a copy: `query.clone()`.' },
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'query', clone: 'clone' },
              output: `
import { Model } from 'objection';
class Person extends Model {}
export async function adults() {
  const query = Person.query().where('age', '>=', 18);
  const first = await query.clone().first();
  const everyone = await query;
  return { first, everyone };
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Drizzle: two filters on one $dynamic builder',
      code: `
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function split() {
  const base = db.select().from(users).$dynamic();
  const admins = base.where(eq(users.role, 'admin'));
  const guests = base.where(eq(users.role, 'guest'));
  return { admins: await admins, guests: await guests };
}
`,
      errors: [
        {
          messageId: 'sharedBuilder',
          data: { other: 'admins', line: '8', name: 'base', orm: 'Drizzle', method: 'where', remedy: 'Build each query from scratch: Drizzle builders cannot be copied.' },
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 53,
        },
      ],
    },
    {
      name: 'Knex: two queries from one base inside Promise.all',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function both() {
  const query = db('users');
  return Promise.all([query.count('* as n'), query.select('*').limit(10)]);
}
`,
      errors: [
        {
          messageId: 'sharedBuilder',
          data: { other: "query.count('* as n')", line: '6', name: 'query', orm: 'Knex', method: 'select', remedy: 'Start each query from a copy: `query.clone()`.' },
          line: 6,
          column: 46,
          endLine: 6,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'query', clone: 'clone' },
              output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function both() {
  const query = db('users');
  return Promise.all([query.clone().count('* as n'), query.select('*').limit(10)]);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Knex: a module-level builder changed per call',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
const users = db('users');
export function findUser(id: number) {
  return users.where({ id }).first();
}
`,
      errors: [
        {
          messageId: 'sharedModuleBuilder',
          data: { name: 'users', orm: 'Knex', method: 'where', remedy: 'Start each query from a copy: `users.clone()`.' },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'users', clone: 'clone' },
              output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
const users = db('users');
export function findUser(id: number) {
  return users.clone().where({ id }).first();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Mongoose: a module-level query runs once',
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
const activeUsers = User.find({ active: true });
export async function listActive() {
  return activeUsers.exec();
}
`,
      errors: [
        {
          messageId: 'sharedModuleQuery',
          data: { name: 'activeUsers', orm: 'Mongoose', clone: 'clone' },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'activeUsers', clone: 'clone' },
              output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
const activeUsers = User.find({ active: true });
export async function listActive() {
  return activeUsers.clone().exec();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Knex: a subquery changed after it went into another query',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function bigSpenders() {
  const spenders = db('orders').select('user_id');
  const users = db('users').whereIn('id', spenders);
  spenders.where('total', '>', 100);
  return users;
}
`,
      errors: [
        {
          messageId: 'changedAfterPass',
          data: { name: 'spenders', consumer: '.whereIn()', line: '6', orm: 'Knex', remedy: 'Start each query from a copy: `spenders.clone()`.' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'spenders', clone: 'clone' },
              output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function bigSpenders() {
  const spenders = db('orders').select('user_id');
  const users = db('users').whereIn('id', spenders.clone());
  spenders.where('total', '>', 100);
  return users;
}
`,
            },
          ],
        },
      ],
    },
    // MikroORM: a builder that ran is frozen.
    {
      name: 'MikroORM: changing a builder after it ran',
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function books(em: EntityManager) {
  const qb = em.createQueryBuilder(Book).where({ published: true });
  const all = await qb.getResultList();
  qb.andWhere({ price: { $lt: 10 } });
  return [all, await qb.getResultList()];
}
`,
      errors: [
        {
          messageId: 'changedAfterRun',
          data: { name: 'qb', line: '6', orm: 'MikroORM', clone: 'clone' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useClone',
              data: { name: 'qb', clone: 'clone' },
              output: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function books(em: EntityManager) {
  const qb = em.createQueryBuilder(Book).where({ published: true });
  const all = await qb.clone().getResultList();
  qb.andWhere({ price: { $lt: 10 } });
  return [all, await qb.getResultList()];
}
`,
            },
          ],
        },
      ],
    },
    // Kysely builders are immutable: a method call whose result is dropped does nothing.
    {
      name: 'Kysely: a dropped where() on a let: assign it back',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function search(name?: string) {
  let query = db.selectFrom('users').selectAll();
  if (name) query.where('name', '=', name);
  return query.execute();
}
`,
      errors: [
        {
          messageId: 'discardedResult',
          data: { name: 'query', method: 'where', orm: 'Kysely' },
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'assignResult',
              data: { name: 'query' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function search(name?: string) {
  let query = db.selectFrom('users').selectAll();
  if (name) query = query.where('name', '=', name);
  return query.execute();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'Kysely: a dropped orderBy() on a const: no suggestion',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function sorted() {
  const query = db.selectFrom('users').selectAll();
  query.orderBy('name');
  return query.execute();
}
`,
      errors: [
        {
          messageId: 'discardedResult',
          data: { name: 'query', method: 'orderBy', orm: 'Kysely' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'Kysely: a dropped select() changes the type: no suggestion',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function named(name: string) {
  let query = db.selectFrom('users');
  query.select(['id', 'name']);
  return query.where('name', '=', name).selectAll().execute();
}
`,
      errors: [
        {
          messageId: 'discardedResult',
          data: { name: 'query', method: 'select', orm: 'Kysely' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 31,
        },
      ],
    },

  ],
});

jsRuleTester.run('no-query-reuse (espree, .js)', rule, {
  valid: [
    {
      code: `
const knex = require('knex')({ client: 'pg' });
async function f() {
  const q = knex('users');
  q.where('active', true);
  return await q;
}
module.exports = { f };
`,
      filename: 'file.js',
    },
  ],
  invalid: [
    {
      code: `
const knex = require('knex')({ client: 'pg' });
async function f() {
  const q = knex('users');
  const a = await q;
  const b = await q;
  return [a, b];
}
module.exports = { f };
`,
      filename: 'file.js',
      errors: [
        {
          messageId: 'executedTwice',
          data: { name: 'q', line: '5', orm: 'Knex' },
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useFirstResult',
              data: { result: 'a', line: '5' },
              output: `
const knex = require('knex')({ client: 'pg' });
async function f() {
  const q = knex('users');
  const a = await q;
  const b = a;
  return [a, b];
}
module.exports = { f };
`,
            },
          ],
        },
      ],
    },
  ],
});
