import { jsRuleTester, ruleTester } from '../rule-tester.js';
import rule from '../../src/rules/no-deep-offset.js';

const prisma = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const knex = `import knex from 'knex';
const db = knex({ client: 'pg' });
`;

ruleTester.run('no-deep-offset', rule, {
  valid: [
    // Look-alikes.
    'const rest = items.slice(5000); const page = cursor.skip(5000);',
    'const res = await fetch(`/api/users?offset=5000`);',
    // Offsets within the bound.
    `${prisma}const users = await prisma.user.findMany({ skip: 1000, take: 50, orderBy: { id: 'asc' } });`,
    `${knex}const rows = await db('users').orderBy('id').limit(10).offset(100);`,
    { code: `${prisma}const users = await prisma.user.findMany({ skip: 5000, take: 50, orderBy: { id: 'asc' } });`, options: [{ maxOffset: 10000, checkPageNumbers: false }] },
    // Keyset pagination: \`skip: 1\` steps over the cursor row.
    `${prisma}const users = await prisma.user.findMany({ cursor: { id: lastId }, skip: 1, take: 20, orderBy: { id: 'asc' } });`,
    `${prisma}async function next(cursor?: string) {
  return prisma.user.findMany({ take: 20, skip: cursor ? 1 : 0, ...(cursor && { cursor: { id: cursor } }), orderBy: { id: 'asc' } });
}`,
    // Page numbers are only checked with \`checkPageNumbers\` (the \`strict\` preset).
    `${prisma}export async function listUsers(page: number) {
  return prisma.user.findMany({ skip: (page - 1) * 20, take: 20, orderBy: { id: 'asc' } });
}`,
    // A capped page number is bounded.
    {
      code: `${prisma}export async function listUsers(page: number) {
  const safePage = Math.min(page, 50);
  return prisma.user.findMany({ skip: (safePage - 1) * 20, take: 20, orderBy: { id: 'asc' } });
}`,
      options: [{ maxOffset: 1000, checkPageNumbers: true }],
    },
    {
      code: `${knex}export async function list(page) {
  if (page > 100) throw new Error('page too deep');
  return db('posts').orderBy('id').limit(20).offset(page * 20);
}`,
      options: [{ maxOffset: 1000, checkPageNumbers: true }],
    },
    // Offsets computed from local values, not from the caller.
    {
      code: `${knex}export async function all() {
  for (let offset = 0; ; offset += 500) {
    const rows = await db('posts').orderBy('id').limit(500).offset(offset);
    if (rows.length === 0) break;
  }
}`,
      options: [{ maxOffset: 1000, checkPageNumbers: true }],
    },
  ],
  invalid: [
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const users = await prisma.user.findMany({ skip: 5000, take: 50, orderBy: { id: 'asc' } });`,
    errors: [
      { messageId: 'deepOffset', data: { call: 'prisma.user.findMany(…)', clause: 'skip', orm: 'Prisma', keyset: "findMany({ cursor: { id: lastId }, skip: 1, take: 20, orderBy: { id: 'asc' } })", offset: '5000' }, line: 3, column: 44, endLine: 3, endColumn: 54 }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const PAGE = 100;
const users = await prisma.user.findMany({ skip: PAGE * 50, take: 50, orderBy: { id: 'asc' } });`,
    errors: [
      { messageId: 'deepOffset', data: { call: 'prisma.user.findMany(…)', clause: 'skip', orm: 'Prisma', keyset: "findMany({ cursor: { id: lastId }, skip: 1, take: 20, orderBy: { id: 'asc' } })", offset: '5000' }, line: 4, column: 44, endLine: 4, endColumn: 59 }
    ],
  },
  {
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const users = await dataSource.getRepository(User).find({ order: { id: 'ASC' }, skip: 2000, take: 20 });`,
    errors: [
      { messageId: 'deepOffset', data: { call: 'dataSource.getRepository(…).find(…)', clause: 'skip', orm: 'TypeORM', keyset: "find({ where: { id: MoreThan(lastId) }, order: { id: 'ASC' }, take: 20 })", offset: '2000' }, line: 3, column: 81, endLine: 3, endColumn: 91 }
    ],
  },
  {
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const users = await dataSource.getRepository(User).createQueryBuilder('u').orderBy('u.id').offset(2000).limit(20).getMany();`,
    errors: [
      { messageId: 'deepOffset', data: { call: "dataSource.getRepository(…).createQueryBuilder('u').orderBy('u.id')….getMany()", clause: '.offset()', orm: 'TypeORM', keyset: "find({ where: { id: MoreThan(lastId) }, order: { id: 'ASC' }, take: 20 })", offset: '2000' }, line: 3, column: 92, endLine: 3, endColumn: 98 }
    ],
  },
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
const users = await User.findAll({ order: [['id', 'ASC']], offset: 10000, limit: 100 });`,
    errors: [
      { messageId: 'deepOffset', data: { call: 'User.findAll(…)', clause: 'offset', orm: 'Sequelize', keyset: "findAll({ where: { id: { [Op.gt]: lastId } }, order: [['id', 'ASC']], limit: 20 })", offset: '10000' }, line: 3, column: 60, endLine: 3, endColumn: 73 }
    ],
  },
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL);
const rows = await db.select().from(users).orderBy(users.id).limit(20).offset(20000);`,
    errors: [
      { messageId: 'deepOffset', data: { call: 'db.select().from(…).orderBy(…).limit(…).offset(…)', clause: '.offset()', orm: 'Drizzle', keyset: 'where(gt(table.id, lastId)).orderBy(table.id).limit(20)', offset: '20000' }, line: 3, column: 72, endLine: 3, endColumn: 78 }
    ],
  },
  {
    code: `import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init();
const users = await orm.em.find(User, {}, { orderBy: { id: 'asc' }, offset: 5000, limit: 10 });`,
    errors: [
      { messageId: 'deepOffset', data: { call: 'orm.em.find(…)', clause: 'offset', orm: 'MikroORM', keyset: "findByCursor(Entity, where, { first: 20, after: cursor, orderBy: { id: 'asc' } })", offset: '5000' }, line: 3, column: 69, endLine: 3, endColumn: 81 }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const rows = await db('users').orderBy('id').limit(10).offset(1500);`,
    errors: [
      { messageId: 'deepOffset', data: { call: "db('users').orderBy('id').limit(…).offset(…)", clause: '.offset()', orm: 'Knex', keyset: "where('id', '>', lastId).orderBy('id').limit(20)", offset: '1500' }, line: 3, column: 56, endLine: 3, endColumn: 62 }
    ],
  },
  {
    code: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
const rows = await db.selectFrom('users').selectAll().orderBy('id').limit(10).offset(1500).execute();`,
    errors: [
      { messageId: 'deepOffset', data: { call: "db.selectFrom('users').selectAll().orderBy('id')….execute()", clause: '.offset()', orm: 'Kysely', keyset: "where('id', '>', lastId).orderBy('id').limit(20)", offset: '1500' }, line: 3, column: 79, endLine: 3, endColumn: 85 }
    ],
  },
  {
    code: `import { Model } from 'objection';
class Person extends Model {}
const page = await Person.query().orderBy('id').page(40, 50);`,
    errors: [
      { messageId: 'deepOffset', data: { call: "Person.query().orderBy('id').page(…)", clause: '.page()', orm: 'Objection', keyset: "where('id', '>', lastId).orderBy('id').limit(20)", offset: '2000' }, line: 3, column: 49, endLine: 3, endColumn: 53 }
    ],
  },
  {
    code: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const users = await User.find().sort({ _id: 1 }).skip(3000).limit(10);`,
    errors: [
      { messageId: 'deepOffset', data: { call: 'User.find().sort(…).skip(…).limit(…)', clause: '.skip()', orm: 'Mongoose', keyset: 'find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(20)', offset: '3000' }, line: 3, column: 50, endLine: 3, endColumn: 54 }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function listUsers(page: number, size = 20) {
  return prisma.user.findMany({ skip: (page - 1) * size, take: 20, orderBy: { id: 'asc' } });
}`,
    options: [{ maxOffset: 1000, checkPageNumbers: true }],
    errors: [
      { messageId: 'unboundedOffset', data: { call: 'prisma.user.findMany(…)', clause: 'skip', orm: 'Prisma', keyset: "findMany({ cursor: { id: lastId }, skip: 1, take: 20, orderBy: { id: 'asc' } })", input: 'page' }, line: 4, column: 33, endLine: 4, endColumn: 56 }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function handler(req) {
  const page = Number(req.query.page ?? 1);
  return db('posts').orderBy('id').limit(20).offset((page - 1) * 20);
}`,
    options: [{ maxOffset: 1000, checkPageNumbers: true }],
    errors: [
      { messageId: 'unboundedOffset', data: { call: "db('posts').orderBy('id').limit(…).offset(…)", clause: '.offset()', orm: 'Knex', keyset: "where('id', '>', lastId).orderBy('id').limit(20)", input: 'page' }, line: 5, column: 46, endLine: 5, endColumn: 52 }
    ],
  },
  {
    code: `import mongoose from 'mongoose';
const Post = mongoose.model('Post', postSchema);
export const list = async ({ page }) => Post.find().sort({ _id: -1 }).skip(page * 10).limit(10);`,
    options: [{ maxOffset: 1000, checkPageNumbers: true }],
    errors: [
      { messageId: 'unboundedOffset', data: { call: 'Post.find().sort(…).skip(…).limit(…)', clause: '.skip()', orm: 'Mongoose', keyset: 'find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(20)', input: 'page' }, line: 3, column: 71, endLine: 3, endColumn: 75 }
    ],
  },
  ],
});

jsRuleTester.run('no-deep-offset (espree, .js)', rule, {
  valid: [{ filename: 'file.js', code: `const knex = require('knex')({ client: 'pg' });
async function main() { return knex('users').orderBy('id').offset(10); }` }],
  invalid: [
    {
      filename: 'file.js',
      code: `const knex = require('knex')({ client: 'pg' });
async function main() { return knex('users').orderBy('id').offset(1e6); }`,
      errors: [
        {
          messageId: 'deepOffset',
          data: { call: "knex('users').orderBy('id').offset(…)", clause: '.offset()', orm: 'Knex', keyset: "where('id', '>', lastId).orderBy('id').limit(20)", offset: '1000000' },
          line: 2, column: 60, endLine: 2, endColumn: 66,
        },
      ],
    },
  ],
});
