import rule from '../../src/rules/prefer-count.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('prefer-count', rule, {
  valid: [
    {
      name: "a row is read after the length is taken",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany({ where: { active: true } });
  console.log(users.length);
  return users[0]?.name;
}`,
    },
    {
      name: "the array is returned",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany();
  if (users.length > 100) console.warn('many users');
  return users;
}`,
    },
    {
      name: "the array is passed to a function",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(render: (u: unknown[]) => void) {
  const users = await prisma.user.findMany();
  render(users);
  return users.length;
}`,
    },
    {
      name: "the array is serialised",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(res: { json(v: unknown): void }) {
  const users = await prisma.user.findMany();
  res.json({ count: users.length });
  res.json(users);
}`,
    },
    {
      name: "the rows are iterated",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany();
  for (const user of users) console.log(user.id);
  return users.length;
}`,
    },
    {
      name: "the rows are mapped",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany();
  return { total: users.length, ids: users.map((u) => u.id) };
}`,
    },
    {
      name: "the variable is reassigned",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  let users = await prisma.user.findMany();
  users = users.slice(1);
  return users.length;
}`,
    },
    {
      name: "the array is stored in an object",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany();
  return { users, total: users.length };
}`,
    },
    {
      name: "only an emptiness test: prefer-exists reports it",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany({ where: { active: true } });
  if (users.length === 0) throw new Error('none');
}`,
    },
    {
      name: "the promise is returned, not awaited",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function f() {
  return prisma.user.findMany();
}`,
    },
    {
      name: "already a count",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return await prisma.user.count({ where: { active: true } });
}`,
    },
    {
      name: "Array#filter is not a query",
      code: `export function f(xs: number[]) {
  return xs.filter((x) => x > 1).length;
}`,
    },
    {
      name: "a fetch response is not a query",
      code: `export async function f() {
  const rows = await (await fetch('/api/users')).json();
  return rows.length;
}`,
    },
    {
      name: "a findMany on an unknown receiver (name evidence only)",
      code: `export async function f(store: { findMany(): Promise<unknown[]> }) {
  return (await store.findMany()).length;
}`,
    },
    {
      name: "ignoreModels",
      options: [{"ignoreModels":["country"]}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.country.findMany()).length;
}`,
    },
    {
      name: "TypeORM: findAndCount already returns a count",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const [rows, total] = await this.userRepository.findAndCount({ where: { active: true } });
    return total + rows.length;
  }
}`,
    },
  ],
  invalid: [
    {
      name: "Prisma: inline length (fix)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const n = (await prisma.user.findMany({ where: { active: true } })).length;
  return n;
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const n = await prisma.user.count({ where: { active: true } });
  return n;
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 20, endLine: 4, endColumn: 69,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: a bound result read twice (fix rewrites every read)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(active: boolean) {
  const users = await prisma.user.findMany({ where: { active }, orderBy: { id: 'asc' }, include: { posts: true } });
  if (users.length > 10) return 'many';
  return users.length === 0 ? 'none' : String(users.length);
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(active: boolean) {
  const users = await prisma.user.count({ where: { active } });
  if (users > 10) return 'many';
  return users === 0 ? 'none' : String(users);
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 23, endLine: 4, endColumn: 116,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: no arguments",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const total = async () => (await prisma.post.findMany()).length;`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const total = async () => await prisma.post.count();`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.post.findMany()","orm":"Prisma","hint":"count({ where })"},
          line: 3, column: 41, endLine: 3, endColumn: 63,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: optional chaining on the length",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany({ where: { active: true } });
  return users?.length ?? 0;
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.count({ where: { active: true } });
  return users ?? 0;
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 23, endLine: 4, endColumn: 72,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: a type annotation is dropped with the array type",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
type User = { id: number };
export async function f() {
  const users: User[] = await prisma.user.findMany();
  return users.length;
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
type User = { id: number };
export async function f() {
  const users = await prisma.user.count();
  return users;
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany()","orm":"Prisma","hint":"count({ where })"},
          line: 5, column: 31, endLine: 5, endColumn: 53,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: take makes it a page count (suggestion)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.user.findMany({ take: 20, orderBy: { id: 'asc' } })).length;
}`,
      output: null,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 17, endLine: 4, endColumn: 75,
          suggestions: [
            { messageId: 'useCount', data: {"note":" (Prisma applies `take`/`skip`/`cursor` to the count as to the rows)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return await prisma.user.count({ take: 20, orderBy: { id: 'asc' } });
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: distinct has no count form (report only)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.user.findMany({ distinct: ['city'] })).length;
}`,
      output: null,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 17, endLine: 4, endColumn: 61,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: options in a variable (report only)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(args: { where: { active: boolean } }) {
  return (await prisma.user.findMany(args)).length;
}`,
      output: null,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 17, endLine: 4, endColumn: 43,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: a comment inside the query turns the fix into a suggestion",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.user.findMany({ where: { active: true /* only active */ } })).length;
}`,
      output: null,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 17, endLine: 4, endColumn: 84,
          suggestions: [
            { messageId: 'useCount', data: {"note":""}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return await prisma.user.count({ where: { active: true /* only active */ } });
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: the length of a member access result needs parentheses",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.user.findMany()).length.toString();
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.user.count()).toString();
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"prisma.user.findMany()","orm":"Prisma","hint":"count({ where })"},
          line: 4, column: 17, endLine: 4, endColumn: 39,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: repository find → count",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    return (await this.userRepository.find({ where: { active: true }, order: { id: 'ASC' } })).length;
  }
}`,
      output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    return await this.userRepository.count({ where: { active: true }, order: { id: 'ASC' } });
  }
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"this.userRepository.find(…)","orm":"TypeORM","hint":"count({ where }) / countBy(where) / qb.getCount()"},
          line: 5, column: 19, endLine: 5, endColumn: 94,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: findBy → countBy",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(role: string) {
    const admins = await this.userRepository.findBy({ role });
    return admins.length;
  }
}`,
      output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(role: string) {
    const admins = await this.userRepository.countBy({ role });
    return admins;
  }
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"this.userRepository.findBy(…)","orm":"TypeORM","hint":"count({ where }) / countBy(where) / qb.getCount()"},
          line: 5, column: 26, endLine: 5, endColumn: 62,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: query builder getMany → getCount",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const rows = await this.userRepository.createQueryBuilder('u').where('u.active = :a', { a: true }).getMany();
    return rows.length;
  }
}`,
      output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const rows = await this.userRepository.createQueryBuilder('u').where('u.active = :a', { a: true }).getCount();
    return rows;
  }
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"this.userRepository.createQueryBuilder('u').where(…).getMany()","orm":"TypeORM","hint":"count({ where }) / countBy(where) / qb.getCount()"},
          line: 5, column: 24, endLine: 5, endColumn: 113,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: entity manager find(Entity, options)",
      code: `import { DataSource } from 'typeorm';
export async function f(ds: DataSource) {
  return (await ds.manager.find(User, { where: { active: true } })).length;
}`,
      output: `import { DataSource } from 'typeorm';
export async function f(ds: DataSource) {
  return await ds.manager.count(User, { where: { active: true } });
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"ds.manager.find(…)","orm":"TypeORM","hint":"count({ where }) / countBy(where) / qb.getCount()"},
          line: 3, column: 17, endLine: 3, endColumn: 67,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: take (report only)",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    return (await this.userRepository.find({ where: { active: true }, take: 10 })).length;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"this.userRepository.find(…)","orm":"TypeORM","hint":"count({ where }) / countBy(where) / qb.getCount()"},
          line: 5, column: 19, endLine: 5, endColumn: 82,
          suggestions: [],
        },
      ],
    },
    {
      name: "Sequelize: findAll → count, order dropped",
      code: `import { User } from './models';
export async function f() {
  const users = await User.findAll({ where: { active: true }, order: [['id', 'ASC']] });
  return { total: users.length };
}`,
      output: `import { User } from './models';
export async function f() {
  const users = await User.count({ where: { active: true } });
  return { total: users };
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"User.findAll(…)","orm":"Sequelize","hint":"Model.count({ where })"},
          line: 3, column: 23, endLine: 3, endColumn: 88,
          suggestions: [],
        },
      ],
    },
    {
      name: "Sequelize: include needs distinct (suggestion)",
      code: `import { User, Post } from './models';
export async function f() {
  return (await User.findAll({ where: { active: true }, include: [{ model: Post }] })).length;
}`,
      output: null,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"User.findAll(…)","orm":"Sequelize","hint":"Model.count({ where })"},
          line: 3, column: 17, endLine: 3, endColumn: 86,
          suggestions: [
            { messageId: 'useCount', data: {"note":" (with `include`, `distinct: true` counts each row once)"}, output: `import { User, Post } from './models';
export async function f() {
  return await User.count({ where: { active: true }, include: [{ model: Post }], distinct: true });
}` },
          ],
        },
      ],
    },
    {
      name: "Drizzle: select → $count",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  const rows = await db.select().from(users).where(eq(users.active, true));
  return rows.length;
}`,
      output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  const rows = await db.$count(users, eq(users.active, true));
  return rows;
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"db.select().from(…).where(…)","orm":"Drizzle","hint":"db.$count(table, where)"},
          line: 6, column: 22, endLine: 6, endColumn: 75,
          suggestions: [],
        },
      ],
    },
    {
      name: "Drizzle: an .all() terminal (SQLite) → $count",
      code: `import { drizzle } from 'drizzle-orm/libsql';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle({ connection: { url: process.env.DB_URL! } });
export async function f(ids: number[], orgId: number) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId)).all();
  if (rows.length !== ids.length) throw new Error('forbidden');
}`,
      output: `import { drizzle } from 'drizzle-orm/libsql';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle({ connection: { url: process.env.DB_URL! } });
export async function f(ids: number[], orgId: number) {
  const rows = await db.$count(users, eq(users.orgId, orgId));
  if (rows !== ids.length) throw new Error('forbidden');
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"db.select(…).from(…).where(…).all()","orm":"Drizzle","hint":"db.$count(table, where)"},
          line: 6, column: 22, endLine: 6, endColumn: 97,
          suggestions: [],
        },
      ],
    },
    {
      name: "Drizzle: a join keeps the report but has no $count form",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users, posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  return (await db.select().from(users).innerJoin(posts, eq(posts.authorId, users.id))).length;
}`,
      output: null,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"db.select().from(…).innerJoin(…)","orm":"Drizzle","hint":"db.$count(table, where)"},
          line: 6, column: 17, endLine: 6, endColumn: 87,
          suggestions: [],
        },
      ],
    },
    {
      name: "MikroORM: em.find → em.count",
      code: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f() {
    return (await this.em.find(User, { active: true }, { orderBy: { id: 'asc' }, populate: ['posts'] })).length;
  }
}`,
      output: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f() {
    return await this.em.count(User, { active: true });
  }
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"this.em.find(…)","orm":"MikroORM","hint":"em.count(Entity, where)"},
          line: 5, column: 19, endLine: 5, endColumn: 104,
          suggestions: [],
        },
      ],
    },
    {
      name: "Knex: count(*) with Number()",
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f() {
  return (await db('users').select('id', 'name').where({ active: true }).orderBy('id')).length;
}`,
      output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f() {
  return Number((await db('users').where({ active: true }).count({ count: '*' }).first())?.count);
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"db('users').select(…).where(…).orderBy('id')","orm":"Knex","hint":".count({ count: '*' }).first()"},
          line: 4, column: 17, endLine: 4, endColumn: 87,
          suggestions: [],
        },
      ],
    },
    {
      name: "Kysely: countAll()",
      code: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f() {
  const rows = await db.selectFrom('users').selectAll().where('active', '=', true).orderBy('id').execute();
  return rows.length;
}`,
      output: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f() {
  const rows = Number((await db.selectFrom('users').where('active', '=', true).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);
  return rows;
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"db.selectFrom('users').selectAll().where(…).orderBy('id').execute()","orm":"Kysely","hint":".select((eb) => eb.fn.countAll().as('count'))"},
          line: 4, column: 22, endLine: 4, endColumn: 107,
          suggestions: [],
        },
      ],
    },
    {
      name: "Objection: resultSize()",
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function f() {
  return (await Person.query().where('age', '>=', 18).orderBy('name')).length;
}`,
      output: `import { Model } from 'objection';
class Person extends Model {}
export async function f() {
  return await Person.query().where('age', '>=', 18).orderBy('name').resultSize();
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"Person.query().where(…).orderBy('name')","orm":"Objection","hint":".resultSize()"},
          line: 4, column: 17, endLine: 4, endColumn: 70,
          suggestions: [],
        },
      ],
    },
    {
      name: "Mongoose: countDocuments",
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  const docs = await User.find({ active: true }).sort({ name: 1 }).lean();
  return docs.length;
}`,
      output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  const docs = await User.countDocuments({ active: true });
  return docs;
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"User.find(…).sort(…).lean()","orm":"Mongoose","hint":"Model.countDocuments(filter)"},
          line: 4, column: 22, endLine: 4, endColumn: 74,
          suggestions: [],
        },
      ],
    },
  ],
});

// Without TypeScript (espree, CommonJS): nothing throws, reports stay the same.
jsRuleTester.run('prefer-count (espree)', rule, {
  valid: [
    {
      name: "espree: rows returned",
      code: `const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
async function f() {
  const users = await prisma.user.findMany();
  console.log(users.length);
  return users;
}`,
    },
  ],
  invalid: [
    {
      name: "espree: CommonJS Sequelize",
      code: `const { Model } = require('sequelize');
class User extends Model {}
async function f() {
  const users = await User.findAll({ where: { active: true } });
  return users.length;
}`,
      output: `const { Model } = require('sequelize');
class User extends Model {}
async function f() {
  const users = await User.count({ where: { active: true } });
  return users;
}`,
      errors: [
        {
          messageId: 'fetchToCount',
          data: {"call":"User.findAll(…)","orm":"Sequelize","hint":"Model.count({ where })"},
          line: 4, column: 23, endLine: 4, endColumn: 64,
          suggestions: [],
        },
      ],
    },
  ],
});
