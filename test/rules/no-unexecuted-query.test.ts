import rule from '../../src/rules/no-unexecuted-query.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-unexecuted-query', rule, {
  valid: [
    // Awaited, chained with then/catch, returned, yielded, passed on: all run the query.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function consumed(id: number) {
  await prisma.user.create({ data: {} });
  prisma.user.findMany().then((rows) => rows);
  prisma.user.delete({ where: { id } }).catch(() => undefined);
  await Promise.all([prisma.user.count(), prisma.post.count()]);
  const pending = prisma.user.findMany();
  return pending;
}
export const later = () => prisma.user.findMany();
export function* gen() {
  yield prisma.user.findMany();
}
`,
    // The array form of $transaction takes un-awaited PrismaPromises.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function move(id: number) {
  const create = prisma.log.create({ data: { id } });
  await prisma.$transaction([create, prisma.user.delete({ where: { id } })]);
}
`,
    // Prisma's interactive transaction callback awaits inside.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const transfer = () => prisma.$transaction(async (tx) => {
  await tx.account.update({ where: { id: 1 }, data: { balance: { decrement: 10 } } });
});
`,
    // The mutating statement on a mutable builder that runs later is how these builders are used.
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function search(active?: boolean, id?: number) {
  const query = db('users');
  query.where('active', true);
  if (id) query.where('id', id);
  query.orderBy('name');
  return await query;
}
`,
    `
import { Repository } from 'typeorm';
export async function search(repo: Repository<unknown>, id: number) {
  const qb = repo.createQueryBuilder('u');
  qb.where('u.id = :id', { id });
  qb.leftJoinAndSelect('u.posts', 'p');
  return qb.getOne();
}
`,
    `
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function search(id: number) {
  const query = db.select().from(users).$dynamic();
  query.where(eq(users.id, id));
  return query;
}
`,
    `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function search() {
  const query = User.find({});
  query.sort({ name: 1 });
  return query.exec();
}
`,
    `
import { Model } from 'objection';
class Person extends Model {}
export async function adults() {
  const query = Person.query();
  query.where('age', '>', 18);
  return await query;
}
`,
    `
import { EntityManager } from '@mikro-orm/postgresql';
export async function search(em: EntityManager, id: number) {
  const qb = em.createQueryBuilder('Book');
  qb.where({ id });
  return qb.getResultList();
}
`,
    // Builders used as values: subqueries, raw fragments, `.as()`, batches, SQL text, prepared statements.
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export function subqueries(id: number) {
  const spenders = db('orders').select('user_id');
  return Promise.all([
    db('users').whereIn('id', spenders),
    db('users').whereExists(db('posts').whereRaw('posts.user_id = users.id')),
    db('users').update({ visits: db.raw('visits + 1') }).where('id', id),
  ]);
}
export const sqlOf = () => console.log(db('users').where('id', 1).toSQL());
`,
    `
import { eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { posts, users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function run(id: number) {
  const sq = db.select().from(users).where(eq(users.id, id)).as('sq');
  const prepared = db.select().from(users).prepare('all_users');
  await db.batch([db.insert(users).values({ name: 'a' }), db.delete(posts).where(eq(posts.id, id))]);
  await prepared.execute();
  return [await db.select().from(users).where(inArray(users.id, db.select({ id: posts.authorId }).from(posts))), sq];
}
`,
    `
import { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
declare const db: Kysely<any>;
export const withPets = () =>
  db
    .selectFrom('users')
    .select((eb) => [jsonArrayFrom(eb.selectFrom('pets').selectAll().whereRef('pets.owner_id', '=', 'users.id')).as('pets')])
    .where((eb) => eb.exists(eb.selectFrom('pets').select('id')))
    .execute();
export const query = () => db.selectFrom('users').selectAll();
`,
    // A query built for its type only.
    `
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
const usersQuery = db.select({ id: users.id }).from(users);
export type UserRow = Awaited<typeof usersQuery>[number];
`,
    // Exported builders may run elsewhere.
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export const allUsers = db('users');
`,
    // Eager calls run at call time (floating promises, not this rule's concern), and so do terminals and callbacks.
    `
import mongoose from 'mongoose';
import { Repository } from 'typeorm';
import { Kysely } from 'kysely';
import { Model } from 'sequelize';
declare const kdb: Kysely<any>;
class Post extends Model {}
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function eager(repo: Repository<unknown>) {
  User.create({ name: 'x' });
  User.find({}, (err: unknown, docs: unknown) => docs);
  User.find({}).exec();
  kdb.deleteFrom('users').execute();
  repo.save({});
  Post.destroy({ where: {} });
}
`,
    // A builder the code already holds (a parameter typed as a builder) is changed, not started.
    `
import { Knex } from 'knex';
import { SelectQueryBuilder } from 'typeorm';
export function paginate(query: Knex.QueryBuilder, qb: SelectQueryBuilder<unknown>) {
  query.select('id');
  query.count('* as n');
  qb.where('u.id = 1');
}
`,
    // A receiver named like a builder and known only by its shape is a builder being changed (TypeORM's own subQuery code).
    `
import { drizzle } from 'drizzle-orm/node-postgres';
export function countPosts(parent: { subQuery(): any }, posts: unknown) {
  const qb = parent.subQuery();
  qb.select('COUNT(*)').from(posts).where('1 = 1');
  return qb.getQuery();
}
`,
    // A chain ending in a method the ORM data does not know may run the query.
    `
import { DataSource } from 'typeorm';
declare const dataSource: DataSource;
export async function exists(runner: unknown) {
  const rows = await dataSource.createQueryBuilder().select('1').limit(1).loadRawResults(runner);
  return rows.length > 0;
}
`,
    // A Knex builder held through an alias of a typed class member is changed in place, not started.
    `
import type { Knex } from 'knex';
export class Aggregation {
  constructor(private readonly knex: Knex, private readonly base: Knex.QueryBuilder) {}
  build(columns: string[]): Knex.QueryBuilder {
    const qb = this.base;
    qb.groupBy(columns);
    qb.select(columns);
    return qb;
  }
}
`,
    // `this` in a Knex subquery callback is the subquery builder the caller passes in.
    `
import type { Knex } from 'knex';
export class Filters {
  constructor(private readonly knex: Knex) {}
  notLinked(qb: Knex.QueryBuilder, column: string, table: string) {
    qb.whereNotIn('id', function () {
      this.select(column).from(table);
    });
  }
}
`,
    // App methods named like Kysely's query starts, but with their own arguments.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export class Tables {
  constructor(private readonly tableService: { updateTable(a: string, b: string, c: object): Promise<void> }) {}
  async rename(baseId: string, id: string, name: string, list: { mergeInto(o: unknown, drop: boolean): Promise<void> }) {
    await prisma.$transaction(async () => {
      await this.tableService.updateTable(baseId, id, { name });
    });
    return await list.mergeInto(list, true);
  }
}
`,
    // A RelationQueryBuilder's set/add/remove return promises: awaiting them runs the write.
    `
import { DataSource } from 'typeorm';
import { Order } from './order';
export async function assign(ds: DataSource, order: Order, channel: unknown, payment: unknown) {
  await ds.getRepository(Order).createQueryBuilder().relation('sellerChannel').of(order).set(channel);
  await ds.getRepository(Order).createQueryBuilder('o').relation('payments').of(order).add(payment);
}
`,
    // Look-alikes: Map#get, fetch, a Redis client, a findMany that is not Prisma's.
    `
export async function lookAlikes(map: Map<string, number>, redis: { set(k: string, v: number): Promise<void> }, store: any) {
  map.get('x');
  fetch('/api');
  redis.set('a', 1);
  store.user.findMany({ filter: { a: 1 } });
  [1, 2].find((x) => x > 1);
}
`,
  ],
  invalid: [
    // Prisma: a PrismaPromise runs on its first `then`; dropped, it never runs.
    {
      name: 'a dropped Prisma write in an async function gets `await`',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function signUp(email: string) {
  prisma.user.create({ data: { email } });
}
`,
      output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function signUp(email: string) {
  await prisma.user.create({ data: { email } });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'prisma.user.create(…)', orm: 'Prisma', effect: ', and nothing is written' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'a dropped Prisma read outside an async function: no fix',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function listUsers() {
  prisma.user.findMany({ where: { active: true } });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'prisma.user.findMany(…)', orm: 'Prisma', effect: '' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    {
      name: 'a query in a `&&` branch: await as a suggestion',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function remove(id: number, really: boolean) {
  really && prisma.user.delete({ where: { id } });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'prisma.user.delete(…)', orm: 'Prisma', effect: ', and nothing is written' },
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'addAwait',
              output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function remove(id: number, really: boolean) {
  really && await prisma.user.delete({ where: { id } });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: '`void` does not run it either',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function touch(id: number) {
  void prisma.user.update({ where: { id }, data: { seenAt: new Date() } });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'prisma.user.update(…)', orm: 'Prisma', effect: ', and nothing is written' },
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'addAwait',
              output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function touch(id: number) {
  await prisma.user.update({ where: { id }, data: { seenAt: new Date() } });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a PrismaPromise kept in a variable nobody reads',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function load() {
  const users = prisma.user.findMany();
  return [];
}
`,
      errors: [
        {
          messageId: 'variableNotExecuted',
          data: { name: 'users', call: 'prisma.user.findMany()', orm: 'Prisma', effect: '' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 39,
        },
      ],
    },
    {
      name: 'the return value of a forEach callback is thrown away',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function removeAll(ids: number[]) {
  ids.forEach((id) => prisma.user.delete({ where: { id } }));
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'prisma.user.delete(…)', orm: 'Prisma', effect: ', and nothing is written' },
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 60,
        },
      ],
    },
    // Knex: thenable builders and raw queries.
    {
      name: 'a dropped Knex delete',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function removeUser(id: number) {
  db('users').where('id', id).del();
}
`,
      output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function removeUser(id: number) {
  await db('users').where('id', id).del();
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: "db('users').where(…).del()", orm: 'Knex', effect: ', and nothing is written' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 36,
        },
      ],
    },
    {
      name: 'a Knex builder that is only changed, never run',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function activeUsers() {
  const query = db('users');
  query.where('active', true);
  return [];
}
`,
      errors: [
        {
          messageId: 'variableNotExecuted',
          data: { name: 'query', call: "db('users')", orm: 'Knex', effect: '' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'a dropped knex.raw()',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function vacuum() {
  db.raw('VACUUM');
}
`,
      output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function vacuum() {
  await db.raw('VACUUM');
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: "db.raw('VACUUM')", orm: 'Knex', effect: '' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 19,
        },
      ],
    },
    // Drizzle: builders extend QueryPromise.
    {
      name: 'a dropped Drizzle insert',
      code: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function addUser(name: string) {
  db.insert(users).values({ name });
}
`,
      output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function addUser(name: string) {
  await db.insert(users).values({ name });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'db.insert(…).values(…)', orm: 'Drizzle', effect: ', and nothing is written' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 36,
        },
      ],
    },
    {
      name: 'a dropped Drizzle update outside an async function',
      code: `
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export function rename(id: number, name: string) {
  db.update(users).set({ name }).where(eq(users.id, id));
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'db.update(…).set(…).where(…)', orm: 'Drizzle', effect: ', and nothing is written' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 57,
        },
      ],
    },
    // Kysely: builders are not thenable; only execute*() runs them.
    {
      name: 'a dropped Kysely delete: suggest the terminal',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function removeUser(id: number) {
  db.deleteFrom('users').where('id', '=', id);
}
`,
      errors: [
        {
          messageId: 'notRun',
          data: { call: "db.deleteFrom('users').where(…)", orm: 'Kysely', terminal: 'execute()', effect: ', and nothing is written' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'execute()' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function removeUser(id: number) {
  await db.deleteFrom('users').where('id', '=', id).execute();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: '`await` on a Kysely builder',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function listUsers() {
  return await db.selectFrom('users').selectAll();
}
`,
      errors: [
        {
          messageId: 'awaitNotThenable',
          data: { call: "db.selectFrom('users').selectAll()", orm: 'Kysely', terminal: 'execute()' },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'execute()' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
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
declare const db: Kysely<any>;
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
      name: 'a Kysely builder inside Promise.all',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function both() {
  return Promise.all([db.selectFrom('users').selectAll().execute(), db.selectFrom('pets').selectAll()]);
}
`,
      errors: [
        {
          messageId: 'awaitNotThenable',
          data: { call: "db.selectFrom('pets').selectAll()", orm: 'Kysely', terminal: 'execute()' },
          line: 5,
          column: 69,
          endLine: 5,
          endColumn: 102,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'execute()' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function both() {
  return Promise.all([db.selectFrom('users').selectAll().execute(), db.selectFrom('pets').selectAll().execute()]);
}
`,
            },
            {
              messageId: 'addTerminal',
              data: { terminal: 'executeTakeFirst()' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function both() {
  return Promise.all([db.selectFrom('users').selectAll().execute(), db.selectFrom('pets').selectAll().executeTakeFirst()]);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: '`await` on a variable holding a Kysely builder',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function listUsers() {
  const query = db.selectFrom('users').selectAll();
  return await query;
}
`,
      errors: [
        {
          messageId: 'awaitNotThenable',
          data: { call: 'query', orm: 'Kysely', terminal: 'execute()' },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'execute()' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function listUsers() {
  const query = db.selectFrom('users').selectAll();
  return await query.execute();
}
`,
            },
            {
              messageId: 'addTerminal',
              data: { terminal: 'executeTakeFirst()' },
              output: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function listUsers() {
  const query = db.selectFrom('users').selectAll();
  return await query.executeTakeFirst();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Kysely builder kept in a variable and never run',
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function listUsers() {
  const query = db.selectFrom('users').selectAll();
  return [];
}
`,
      errors: [
        {
          messageId: 'variableNotRun',
          data: { name: 'query', orm: 'Kysely', terminal: 'execute()', effect: '' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 51,
        },
      ],
    },
    // TypeORM: query builders run only through a terminal call.
    {
      name: '`await` on a TypeORM query builder',
      code: `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export async function activeUsers(repo: Repository<User>) {
  const users = await repo.createQueryBuilder('u').where('u.active = true');
  return users;
}
`,
      errors: [
        {
          messageId: 'awaitNotThenable',
          data: { call: "repo.createQueryBuilder('u').where('u.active = true')", orm: 'TypeORM', terminal: 'getMany()' },
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'getMany()' },
              output: `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export async function activeUsers(repo: Repository<User>) {
  const users = await repo.createQueryBuilder('u').where('u.active = true').getMany();
  return users;
}
`,
            },
            {
              messageId: 'addTerminal',
              data: { terminal: 'getOne()' },
              output: `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export async function activeUsers(repo: Repository<User>) {
  const users = await repo.createQueryBuilder('u').where('u.active = true').getOne();
  return users;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: '`await` on a TypeORM builder that the code keeps using as a builder',
      code: `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export async function findUser(repo: Repository<User>, name: string) {
  const qb = await repo.createQueryBuilder('u').where('u.name = :name', { name });
  qb.andWhere('u.active = true');
  return qb.getOne();
}
`,
      errors: [
        {
          messageId: 'awaitKeepsBuilder',
          data: { call: "repo.createQueryBuilder('u').where(…)", orm: 'TypeORM', name: 'qb' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 82,
          suggestions: [
            {
              messageId: 'removeAwait',
              output: `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export async function findUser(repo: Repository<User>, name: string) {
  const qb = repo.createQueryBuilder('u').where('u.name = :name', { name });
  qb.andWhere('u.active = true');
  return qb.getOne();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a dropped TypeORM update builder',
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function deactivate(id: number) {
  dataSource.createQueryBuilder().update(User).set({ active: false }).where('id = :id', { id });
}
`,
      errors: [
        {
          messageId: 'notRun',
          data: { call: 'dataSource.createQueryBuilder().update(…).set(…).where(…)', orm: 'TypeORM', terminal: 'execute()', effect: ', and nothing is written' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 96,
          suggestions: [
            {
              messageId: 'addTerminal',
              data: { terminal: 'execute()' },
              output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function deactivate(id: number) {
  await dataSource.createQueryBuilder().update(User).set({ active: false }).where('id = :id', { id }).execute();
}
`,
            },
          ],
        },
      ],
    },
    // MikroORM 6: the QueryBuilder is thenable.
    {
      name: 'a dropped MikroORM QueryBuilder update',
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function reprice(em: EntityManager, id: number) {
  em.createQueryBuilder(Book).update({ price: 10 }).where({ id });
}
`,
      output: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function reprice(em: EntityManager, id: number) {
  await em.createQueryBuilder(Book).update({ price: 10 }).where({ id });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'em.createQueryBuilder(…).update(…).where(…)', orm: 'MikroORM', effect: ', and nothing is written' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 66,
        },
      ],
    },
    // Objection: thenable builders.
    {
      name: 'a dropped Objection insert',
      code: `
import { Model } from 'objection';
class Person extends Model {
  static tableName = 'persons';
}
export async function addPerson(name: string) {
  Person.query().insert({ name });
}
`,
      output: `
import { Model } from 'objection';
class Person extends Model {
  static tableName = 'persons';
}
export async function addPerson(name: string) {
  await Person.query().insert({ name });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'Person.query().insert(…)', orm: 'Objection', effect: ', and nothing is written' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 34,
        },
      ],
    },
    {
      name: 'a dropped $relatedQuery().relate()',
      code: `
import { Model } from 'objection';
class Person extends Model {}
export async function adopt(person: Person, petId: number) {
  person.$relatedQuery('pets').relate(petId);
}
`,
      output: `
import { Model } from 'objection';
class Person extends Model {}
export async function adopt(person: Person, petId: number) {
  await person.$relatedQuery('pets').relate(petId);
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: "person.$relatedQuery('pets').relate(…)", orm: 'Objection', effect: ', and nothing is written' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 45,
        },
      ],
    },
    // Mongoose: a Query runs on then/exec.
    {
      name: 'a dropped Mongoose updateOne',
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function rename(id: string, name: string) {
  User.updateOne({ _id: id }, { $set: { name } });
}
`,
      output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function rename(id: string, name: string) {
  await User.updateOne({ _id: id }, { $set: { name } });
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: 'User.updateOne(…)', orm: 'Mongoose', effect: ', and nothing is written' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 50,
        },
      ],
    },
    {
      name: 'a Mongoose query that is only sorted, never run',
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function list() {
  const query = User.find({ active: true });
  query.sort({ name: 1 });
  return [];
}
`,
      errors: [
        {
          messageId: 'variableNotExecuted',
          data: { name: 'query', call: 'User.find(…)', orm: 'Mongoose', effect: '' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 44,
        },
      ],
    },

  ],
});

jsRuleTester.run('no-unexecuted-query (espree, .js)', rule, {
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
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function removeUser(id) {
  db('users').where('id', id).del();
}
`,
      filename: 'file.js',
      output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function removeUser(id) {
  await db('users').where('id', id).del();
}
`,
      errors: [
        {
          messageId: 'notExecuted',
          data: { call: "db('users').where(…).del()", orm: 'Knex', effect: ', and nothing is written' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 36,
        },
      ],
    },
  ],
});
