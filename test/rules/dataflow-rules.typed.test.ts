// Typed tier for the data-flow rules (prefer-count, prefer-exists, prefer-select, no-in-memory-filter).
// Each case imports the per-ORM setups in test/orms/db (real ORM packages from test/orms/node_modules; Prisma's
// client generated from test/orms/prisma/schema.prisma). The rules run with type information from one program
// holding every case, their fix/suggestion outputs are asserted, and then every input and every output is
// compiled with the ORMs' own types: a suggestion that does not type-check fails here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import preferCount from '../../src/rules/prefer-count.js';
import { ruleTester, typedRuleTester } from '../rule-tester.js';

const ormsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'orms');

interface Case {
  readonly rule: 'prefer-count' | 'prefer-exists' | 'prefer-select' | 'no-in-memory-filter';
  readonly options?: readonly unknown[];
  readonly name: string;
  readonly code: string;
  readonly messageId: string;
  readonly fix?: string;
  readonly suggestions?: readonly string[];
}

const cases: readonly Case[] = [
  {
    rule: 'prefer-count',
    name: "prisma",
    code: `import { prisma } from '../db/prisma.js';
export async function f() {
  const users = await prisma.user.findMany({ where: { score: { gt: 1 } }, orderBy: { id: 'asc' }, include: { posts: true } });
  return users.length > 5 ? users.length : 0;
}
`,
    messageId: 'fetchToCount',
    fix: `import { prisma } from '../db/prisma.js';
export async function f() {
  const users = await prisma.user.count({ where: { score: { gt: 1 } } });
  return users > 5 ? users : 0;
}
`,
  },
  {
    rule: 'prefer-count',
    name: "prisma take",
    code: `import { prisma } from '../db/prisma.js';
export async function f() {
  return (await prisma.user.findMany({ take: 20, orderBy: { id: 'asc' } })).length;
}
`,
    messageId: 'fetchToCount',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f() {
  return await prisma.user.count({ take: 20, orderBy: { id: 'asc' } });
}
`],
  },
  {
    rule: 'prefer-count',
    name: "typeorm find",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return (await userRepo.find({ where: { score: 1 }, order: { id: 'ASC' } })).length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return await userRepo.count({ where: { score: 1 }, order: { id: 'ASC' } });
}
`,
  },
  {
    rule: 'prefer-count',
    name: "typeorm findBy",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.findBy({ score: 1 });
  return rows.length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.countBy({ score: 1 });
  return rows;
}
`,
  },
  {
    rule: 'prefer-count',
    name: "typeorm qb",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.createQueryBuilder('u').where('u.score > :s', { s: 1 }).getMany();
  return rows.length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.createQueryBuilder('u').where('u.score > :s', { s: 1 }).getCount();
  return rows;
}
`,
  },
  {
    rule: 'prefer-count',
    name: "typeorm manager",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return (await manager.find(User, { where: { score: 1 } })).length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return await manager.count(User, { where: { score: 1 } });
}
`,
  },
  {
    rule: 'prefer-count',
    name: "sequelize",
    code: `import { User, Post } from '../db/sequelize.js';
export async function f() {
  const users = await User.findAll({ where: { score: 1 }, order: [['id', 'ASC']] });
  return users.length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { User, Post } from '../db/sequelize.js';
export async function f() {
  const users = await User.count({ where: { score: 1 } });
  return users;
}
`,
  },
  {
    rule: 'prefer-count',
    name: "sequelize include",
    code: `import { User, Post } from '../db/sequelize.js';
export async function f() {
  return (await User.findAll({ where: { score: 1 }, include: [{ model: Post, as: 'posts' }] })).length;
}
`,
    messageId: 'fetchToCount',
    suggestions: [`import { User, Post } from '../db/sequelize.js';
export async function f() {
  return await User.count({ where: { score: 1 }, include: [{ model: Post, as: 'posts' }], distinct: true });
}
`],
  },
  {
    rule: 'prefer-count',
    name: "drizzle",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.select().from(users).where(eq(users.score, 1));
  return rows.length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.$count(users, eq(users.score, 1));
  return rows;
}
`,
  },
  {
    rule: 'prefer-count',
    name: "drizzle all",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.score, 1)).all();
  return rows.length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.$count(users, eq(users.score, 1));
  return rows;
}
`,
  },
  {
    rule: 'prefer-count',
    name: "mikroorm",
    code: `import { em, User } from '../db/mikroorm.js';
export async function f() {
  return (await em.find(User, { score: 1 }, { orderBy: { id: 'asc' } })).length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { em, User } from '../db/mikroorm.js';
export async function f() {
  return await em.count(User, { score: 1 });
}
`,
  },
  {
    rule: 'prefer-count',
    name: "knex",
    code: `import { knex } from '../db/knex.js';
export async function f() {
  return (await knex('users').select('id', 'name').where({ score: 1 }).orderBy('id')).length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { knex } from '../db/knex.js';
export async function f() {
  return Number((await knex('users').where({ score: 1 }).count({ count: '*' }).first())?.count);
}
`,
  },
  {
    rule: 'prefer-count',
    name: "kysely",
    code: `import { db } from '../db/kysely.js';
export async function f() {
  const rows = await db.selectFrom('users').selectAll().where('score', '=', 1).orderBy('id').execute();
  return rows.length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { db } from '../db/kysely.js';
export async function f() {
  const rows = Number((await db.selectFrom('users').where('score', '=', 1).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);
  return rows;
}
`,
  },
  {
    rule: 'prefer-count',
    name: "objection",
    code: `import { User } from '../db/objection.js';
export async function f() {
  return (await User.query().where('score', '>', 1).orderBy('name')).length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { User } from '../db/objection.js';
export async function f() {
  return await User.query().where('score', '>', 1).orderBy('name').resultSize();
}
`,
  },
  {
    rule: 'prefer-count',
    name: "mongoose",
    code: `import { User } from '../db/mongoose.js';
export async function f() {
  const docs = await User.find({ score: 1 }).sort({ name: 1 }).lean();
  return docs.length;
}
`,
    messageId: 'fetchToCount',
    fix: `import { User } from '../db/mongoose.js';
export async function f() {
  const docs = await User.countDocuments({ score: 1 });
  return docs;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "prisma rows",
    code: `import { prisma } from '../db/prisma.js';
export async function f(authorId: number) {
  const drafts = await prisma.post.findMany({ where: { authorId, published: false } });
  if (drafts.length > 0) throw new Error('drafts');
}
`,
    messageId: 'rowsToTest',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f(authorId: number) {
  const drafts = await prisma.post.findFirst({ where: { authorId, published: false }, select: { id: true } });
  if (drafts !== null) throw new Error('drafts');
}
`],
  },
  {
    rule: 'prefer-exists',
    name: "prisma count",
    code: `import { prisma } from '../db/prisma.js';
export async function f(authorId: number) {
  return (await prisma.post.count({ where: { authorId } })) > 0;
}
`,
    messageId: 'countToTest',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f(authorId: number) {
  return (await prisma.post.findFirst({ where: { authorId }, select: { id: true } })) !== null;
}
`],
  },
  {
    rule: 'prefer-exists',
    options: [{"checkSingleRowReads":true}],
    name: "prisma unique",
    code: `import { prisma } from '../db/prisma.js';
export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  return user !== null;
}
`,
    messageId: 'rowToTest',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id }, select: { id: true } });
  return user !== null;
}
`],
  },
  {
    rule: 'prefer-exists',
    name: "typeorm findBy",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f(email: string) {
  const existing = await userRepo.findBy({ email });
  if (existing.length > 0) throw new Error('taken');
}
`,
    messageId: 'rowsToTest',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f(email: string) {
  const existing = await userRepo.existsBy({ email });
  if (existing) throw new Error('taken');
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "typeorm count",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return (await userRepo.count({ where: { score: 1 } })) === 0;
}
`,
    messageId: 'countToTest',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return !(await userRepo.exists({ where: { score: 1 } }));
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "typeorm getOne",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f(email: string) {
  const user = await userRepo.createQueryBuilder('u').where('u.email = :email', { email }).getOne();
  if (user) throw new Error('taken');
}
`,
    messageId: 'overfetchToTest',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f(email: string) {
  const user = await userRepo.createQueryBuilder('u').where('u.email = :email', { email }).getExists();
  if (user) throw new Error('taken');
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "sequelize",
    code: `import { User, Post } from '../db/sequelize.js';
export async function f(email: string) {
  if ((await User.findAll({ where: { email } })).length) throw new Error('taken');
}
`,
    messageId: 'rowsToTest',
    suggestions: [`import { User, Post } from '../db/sequelize.js';
export async function f(email: string) {
  if (await User.findOne({ where: { email }, attributes: ['id'] })) throw new Error('taken');
}
`],
  },
  {
    rule: 'prefer-exists',
    name: "drizzle rows",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f(email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email));
  return rows.length > 0;
}
`,
    messageId: 'rowsToTest',
    fix: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f(email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows.length > 0;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "drizzle all",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f(email: string) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).all();
  return rows.length === 0;
}
`,
    messageId: 'rowsToTest',
    fix: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f(email: string) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1).all();
  return rows.length === 0;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "drizzle $count",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f(id: number) {
  const n = await db.$count(posts, eq(posts.authorId, id));
  if (n === 0) return 'none';
  return 'some';
}
`,
    messageId: 'countToTest',
    fix: `import { db, users, posts, eq } from '../db/drizzle.js';
import { sql } from 'drizzle-orm';
export async function f(id: number) {
  const n = await db.select({ one: sql\`1\` }).from(posts).where(eq(posts.authorId, id)).limit(1);
  if (n.length === 0) return 'none';
  return 'some';
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "drizzle relational",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.query.users.findMany({ where: eq(users.score, 1) });
  if (!rows.length) return null;
  return 1;
}
`,
    messageId: 'rowsToTest',
    fix: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.query.users.findFirst({ where: eq(users.score, 1) });
  if (!rows) return null;
  return 1;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "mikroorm",
    code: `import { em, User } from '../db/mikroorm.js';
export async function f(email: string) {
  return (await em.find(User, { email })).length > 0;
}
`,
    messageId: 'rowsToTest',
    suggestions: [`import { em, User } from '../db/mikroorm.js';
export async function f(email: string) {
  return (await em.findOne(User, { email }, { fields: ['id'] })) !== null;
}
`],
  },
  {
    rule: 'prefer-exists',
    name: "knex",
    code: `import { knex } from '../db/knex.js';
export async function f(email: string) {
  const rows = await knex('users').where('email', email);
  if (rows.length === 0) return 0;
  return 1;
}
`,
    messageId: 'rowsToTest',
    fix: `import { knex } from '../db/knex.js';
export async function f(email: string) {
  const rows = await knex('users').where('email', email).first();
  if (rows === undefined) return 0;
  return 1;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "kysely first",
    code: `import { db } from '../db/kysely.js';
export async function f(email: string) {
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (!user) throw new Error('unknown');
}
`,
    messageId: 'overfetchToTest',
    fix: `import { db } from '../db/kysely.js';
export async function f(email: string) {
  const user = await db.selectFrom('users').where('email', '=', email).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst();
  if (!user) throw new Error('unknown');
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "kysely rows",
    code: `import { db } from '../db/kysely.js';
export async function f(email: string) {
  return (await db.selectFrom('users').selectAll().where('email', '=', email).execute()).length > 0;
}
`,
    messageId: 'rowsToTest',
    fix: `import { db } from '../db/kysely.js';
export async function f(email: string) {
  return (await db.selectFrom('users').where('email', '=', email).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst()) !== undefined;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "objection first",
    code: `import { User } from '../db/objection.js';
export async function f(name: string) {
  const person = await User.query().where('name', name).first();
  return !!person;
}
`,
    messageId: 'overfetchToTest',
    fix: `import { User } from '../db/objection.js';
export async function f(name: string) {
  const person = await User.query().where('name', name).limit(1).first();
  return !!person;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "objection resultSize",
    code: `import { User } from '../db/objection.js';
export async function f() {
  return (await User.query().where('score', '>', 18).resultSize()) > 0;
}
`,
    messageId: 'countToTest',
    fix: `import { User } from '../db/objection.js';
export async function f() {
  return (await User.query().where('score', '>', 18).limit(1).first()) !== undefined;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "mongoose count",
    code: `import { User } from '../db/mongoose.js';
export async function f(email: string) {
  return (await User.countDocuments({ email })) > 0;
}
`,
    messageId: 'countToTest',
    fix: `import { User } from '../db/mongoose.js';
export async function f(email: string) {
  return (await User.exists({ email })) !== null;
}
`,
  },
  {
    rule: 'prefer-exists',
    name: "mongoose find",
    code: `import { User } from '../db/mongoose.js';
export async function f(email: string) {
  const docs = await User.find({ email }).lean();
  if (docs.length === 0) throw new Error('unknown');
}
`,
    messageId: 'rowsToTest',
    fix: `import { User } from '../db/mongoose.js';
export async function f(email: string) {
  const docs = await User.exists({ email });
  if (docs === null) throw new Error('unknown');
}
`,
  },
  {
    rule: 'prefer-select',
    name: "prisma",
    code: `import { prisma } from '../db/prisma.js';
export async function f() {
  const users = await prisma.user.findMany({ where: { score: 1 } });
  return users.map((u) => u.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f() {
  const users = await prisma.user.findMany({ where: { score: 1 }, select: { email: true } });
  return users.map((u) => u.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "prisma include",
    code: `import { prisma } from '../db/prisma.js';
export async function f() {
  const users = await prisma.user.findMany({ include: { posts: true, comments: true } });
  return users.map((u) => u.posts);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f() {
  const users = await prisma.user.findMany({ select: { posts: true } });
  return users.map((u) => u.posts);
}
`],
  },
  {
    rule: 'prefer-select',
    options: [{"checkFieldReads":true}],
    name: "prisma one",
    code: `import { prisma } from '../db/prisma.js';
export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw new Error('not found');
  return \`\${user.name} <\${user.email}>\`;
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id }, select: { name: true, email: true } });
  if (!user) throw new Error('not found');
  return \`\${user.name} <\${user.email}>\`;
}
`],
  },
  {
    rule: 'prefer-select',
    name: "typeorm find",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const users = await userRepo.find({ where: { score: 1 } });
  return users.map((u) => u.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const users = await userRepo.find({ where: { score: 1 }, select: { email: true } });
  return users.map((u) => u.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "typeorm findBy",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return (await userRepo.findBy({ score: 1 })).map((u) => u.name);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return (await userRepo.find({ where: { score: 1 }, select: { name: true } })).map((u) => u.name);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "typeorm qb",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.createQueryBuilder('u').where('u.score > :s', { s: 1 }).getMany();
  return rows.map((r) => r.id);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.createQueryBuilder('u').select(['u.id']).where('u.score > :s', { s: 1 }).getMany();
  return rows.map((r) => r.id);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "sequelize",
    code: `import { User, Post } from '../db/sequelize.js';
export async function f() {
  return (await User.findAll({ where: { score: 1 } })).map((u) => u.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { User, Post } from '../db/sequelize.js';
export async function f() {
  return (await User.findAll({ where: { score: 1 }, attributes: ['email'] })).map((u) => u.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "drizzle",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.select().from(users);
  return rows.map((u) => u.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.select({ email: users.email }).from(users);
  return rows.map((u) => u.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "drizzle relational",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  return (await db.query.users.findMany()).map((u) => u.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  return (await db.query.users.findMany({ columns: { email: true } })).map((u) => u.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "mikroorm",
    code: `import { em, User } from '../db/mikroorm.js';
export async function f() {
  return (await em.find(User, { score: 1 })).map((u) => u.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { em, User } from '../db/mikroorm.js';
export async function f() {
  return (await em.find(User, { score: 1 }, { fields: ['email'] })).map((u) => u.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "knex",
    code: `import { knex } from '../db/knex.js';
export async function f() {
  return (await knex('users').where({ score: 1 })).map((r) => r.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { knex } from '../db/knex.js';
export async function f() {
  return (await knex('users').select('email').where({ score: 1 })).map((r) => r.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "kysely",
    code: `import { db } from '../db/kysely.js';
export async function f() {
  return (await db.selectFrom('users').selectAll().execute()).map((r) => r.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { db } from '../db/kysely.js';
export async function f() {
  return (await db.selectFrom('users').select(['email']).execute()).map((r) => r.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "objection",
    code: `import { User } from '../db/objection.js';
export async function f() {
  return (await User.query().where('score', '>', 1)).map((p) => p.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { User } from '../db/objection.js';
export async function f() {
  return (await User.query().select('email').where('score', '>', 1)).map((p) => p.email);
}
`],
  },
  {
    rule: 'prefer-select',
    name: "mongoose",
    code: `import { User } from '../db/mongoose.js';
export async function f() {
  const docs = await User.find({ score: 1 });
  return docs.map((d) => d.email);
}
`,
    messageId: 'wholeRows',
    suggestions: [`import { User } from '../db/mongoose.js';
export async function f() {
  const docs = await User.find({ score: 1 }, 'email');
  return docs.map((d) => d.email);
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "prisma filter",
    code: `import { prisma } from '../db/prisma.js';
export async function f(email: string) {
  const users = await prisma.user.findMany({ where: { score: 1 } });
  return users.filter((u) => u.email === email);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f(email: string) {
  const users = await prisma.user.findMany({ where: { score: 1, email } });
  return users;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "prisma find",
    code: `import { prisma } from '../db/prisma.js';
export async function f(email: string) {
  return (await prisma.user.findMany()).find((u) => u.email === email);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f(email: string) {
  return (await prisma.user.findMany({ where: { email } }))[0];
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "prisma sort",
    code: `import { prisma } from '../db/prisma.js';
export async function f() {
  const posts = await prisma.post.findMany({ where: { published: true } });
  return posts.sort((a, b) => b.views - a.views);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { prisma } from '../db/prisma.js';
export async function f() {
  const posts = await prisma.post.findMany({ where: { published: true }, orderBy: { views: 'desc' } });
  return posts;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "prisma slice",
    code: `import { prisma } from '../db/prisma.js';
export async function f() {
  const posts = await prisma.post.findMany({ orderBy: { views: 'desc' } });
  return posts.slice(0, 10);
}
`,
    messageId: 'inMemory',
    fix: `import { prisma } from '../db/prisma.js';
export async function f() {
  const posts = await prisma.post.findMany({ orderBy: { views: 'desc' }, take: 10 });
  return posts;
}
`,
  },
  {
    rule: 'no-in-memory-filter',
    name: "typeorm filter",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const users = await userRepo.find({ where: { score: 1 } });
  return users.filter((u) => u.name === 'admin');
}
`,
    messageId: 'inMemory',
    suggestions: [`import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const users = await userRepo.find({ where: { score: 1, name: 'admin' } });
  return users;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "typeorm sort",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return (await userRepo.findBy({ score: 1 })).sort((a, b) => a.name.localeCompare(b.name));
}
`,
    messageId: 'inMemory',
    suggestions: [`import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  return await userRepo.find({ where: { score: 1 }, order: { name: 'ASC' } });
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "typeorm qb slice",
    code: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.createQueryBuilder('u').orderBy('u.id').getMany();
  return rows.slice(0, 5);
}
`,
    messageId: 'inMemory',
    fix: `import { userRepo, manager, User } from '../db/typeorm.js';
export async function f() {
  const rows = await userRepo.createQueryBuilder('u').orderBy('u.id').take(5).getMany();
  return rows;
}
`,
  },
  {
    rule: 'no-in-memory-filter',
    name: "sequelize sort",
    code: `import { User, Post } from '../db/sequelize.js';
export async function f() {
  const posts = await Post.findAll({ where: { published: true } });
  return posts.sort((a, b) => b.views - a.views);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { User, Post } from '../db/sequelize.js';
export async function f() {
  const posts = await Post.findAll({ where: { published: true }, order: [['views', 'DESC']] });
  return posts;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "drizzle filter",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  return (await db.select().from(posts)).filter((p) => p.published);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  return await db.select().from(posts).where(eq(posts.published, true));
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "drizzle all",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.select().from(posts).orderBy(posts.views).all();
  return rows.slice(0, 5);
}
`,
    messageId: 'inMemory',
    fix: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.select().from(posts).orderBy(posts.views).limit(5).all();
  return rows;
}
`,
  },
  {
    rule: 'no-in-memory-filter',
    name: "drizzle and",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f(authorId: number) {
  const rows = await db.select().from(posts).where(eq(posts.published, true));
  return rows.filter((p) => p.authorId === authorId);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { db, users, posts, eq } from '../db/drizzle.js';
import { and } from 'drizzle-orm';
export async function f(authorId: number) {
  const rows = await db.select().from(posts).where(and(eq(posts.published, true), eq(posts.authorId, authorId)));
  return rows;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "drizzle relational sort",
    code: `import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.query.posts.findMany();
  return rows.sort((a, b) => a.views - b.views);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { db, users, posts, eq } from '../db/drizzle.js';
export async function f() {
  const rows = await db.query.posts.findMany({ orderBy: (posts, { asc }) => [asc(posts.views)] });
  return rows;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "mikroorm",
    code: `import { em, User } from '../db/mikroorm.js';
export async function f() {
  return (await em.find(User, { score: 1 })).filter((u) => u.name === 'admin');
}
`,
    messageId: 'inMemory',
    suggestions: [`import { em, User } from '../db/mikroorm.js';
export async function f() {
  return await em.find(User, { score: 1, name: 'admin' });
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "knex",
    code: `import { knex } from '../db/knex.js';
export async function f(name: string) {
  const rows = await knex('users');
  return rows.filter((r) => r.name === name);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { knex } from '../db/knex.js';
export async function f(name: string) {
  const rows = await knex('users').where('name', name);
  return rows;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "kysely",
    code: `import { db } from '../db/kysely.js';
export async function f() {
  const rows = await db.selectFrom('users').selectAll().execute();
  return rows.sort((a, b) => a.score - b.score);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { db } from '../db/kysely.js';
export async function f() {
  const rows = await db.selectFrom('users').selectAll().orderBy('score', 'asc').execute();
  return rows;
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "objection",
    code: `import { User } from '../db/objection.js';
export async function f(name: string) {
  return (await User.query()).find((p) => p.name === name);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { User } from '../db/objection.js';
export async function f(name: string) {
  return (await User.query().where('name', name))[0];
}
`],
  },
  {
    rule: 'no-in-memory-filter',
    name: "mongoose slice",
    code: `import { User } from '../db/mongoose.js';
export async function f() {
  const docs = await User.find({}).sort({ score: -1 });
  return docs.slice(0, 5);
}
`,
    messageId: 'inMemory',
    fix: `import { User } from '../db/mongoose.js';
export async function f() {
  const docs = await User.find({}).sort({ score: -1 }).limit(5);
  return docs;
}
`,
  },
  {
    rule: 'no-in-memory-filter',
    name: "mongoose filter",
    code: `import { User } from '../db/mongoose.js';
export async function f(name: string) {
  return (await User.find({ score: 1 }).exec()).filter((u) => u.name === name);
}
`,
    messageId: 'inMemory',
    suggestions: [`import { User } from '../db/mongoose.js';
export async function f(name: string) {
  return await User.find({ score: 1, name }).exec();
}
`],
  },
];

/** A program over `files` (virtual, under test/orms/check/) with test/orms/tsconfig.json's options. */
function programOf(files: ReadonlyMap<string, string>): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ormsDir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  })!;
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language, true);
  };
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  return ts.createProgram([...files.keys()], config.options, host);
}

function applyFix(code: string, fix: { range: readonly [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

const fileOf = (index: number, kind: string) => path.join(ormsDir, 'check', `case${index}-${kind}.ts`);

describe('data-flow rules on real ORM types', () => {
  const results: { messageIds: string[]; fix?: string; suggestions: string[] }[] = [];

  beforeAll(() => {
    const program = programOf(new Map(cases.map((c, i) => [fileOf(i, 'in'), c.code])));
    const linter = new Linter();
    cases.forEach((c, i) => {
      const messages = linter.verify(
        c.code,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tsParser, parserOptions: { programs: [program] } },
            plugins: { orm: plugin as never },
            rules: { [`orm/${c.rule}`]: ['error', ...(c.options ?? [])] },
          },
        ],
        fileOf(i, 'in'),
      );
      const fatal = messages.find((m) => m.fatal);
      if (fatal) throw new Error(`${c.name}: ${fatal.message}`);
      const first = messages[0];
      results.push({
        messageIds: messages.map((m) => m.messageId ?? ''),
        ...(first?.fix && { fix: applyFix(c.code, first.fix) }),
        suggestions: (first?.suggestions ?? []).map((s) => applyFix(c.code, s.fix)),
      });
    });
  }, 300_000);

  it.each(cases.map((c, i) => [`${c.rule}: ${c.name}`, i] as const))('%s', (_, i) => {
    const c = cases[i]!;
    const result = results[i]!;
    expect(result.messageIds).toEqual([c.messageId]);
    expect(result.fix).toBe(c.fix);
    expect(result.suggestions).toEqual(c.suggestions ?? []);
  });

  it('every case and every fix and suggestion output type-checks against the ORM packages', () => {
    const files = new Map<string, string>();
    cases.forEach((c, i) => {
      files.set(fileOf(i, 'in'), c.code);
      if (c.fix !== undefined) files.set(fileOf(i, 'fix'), c.fix);
      c.suggestions?.forEach((s, j) => files.set(fileOf(i, `suggestion${j}`), s));
    });
    const program = programOf(files);
    const errors: string[] = [];
    for (const name of files.keys()) {
      for (const d of ts.getPreEmitDiagnostics(program, program.getSourceFile(name))) {
        errors.push(`${path.basename(name)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    // Guard against a vacuous pass: the outputs really are there.
    expect(files.size).toBeGreaterThan(cases.length * 2 - 5);
    expect(errors).toEqual([]);
  }, 300_000);
});

// A Prisma look-alike: the same call shape on a plain object. Without types the shape is all the rules see,
// so they report; with types the checker shows `findMany` is declared here, not by Prisma.
const lookAlike = `
const api = { user: { findMany: async (args: { where: { active: boolean } }) => [{ id: 1, active: args.where.active }] } };
export async function f() {
  return (await api.user.findMany({ where: { active: true } })).length;
}
`;

ruleTester.run('prefer-count (syntax only: a look-alike with the Prisma shape)', preferCount, {
  valid: [],
  invalid: [
    {
      code: lookAlike,
      output: `
const api = { user: { findMany: async (args: { where: { active: boolean } }) => [{ id: 1, active: args.where.active }] } };
export async function f() {
  return await api.user.count({ where: { active: true } });
}
`,
      errors: [{ messageId: 'fetchToCount', data: { call: 'api.user.findMany(…)', orm: 'Prisma', hint: 'count({ where })' }, line: 4, column: 17, endLine: 4, endColumn: 63 }],
    },
  ],
});

typedRuleTester.run('prefer-count (typed)', preferCount, {
  valid: [{ name: 'the checker rejects a look-alike', code: lookAlike }],
  invalid: [
    {
      name: 'the generated Prisma client confirms the call',
      code: `
import { prisma } from './models';
export async function f() {
  return (await prisma.user.findMany({ where: { name: 'a' } })).length;
}
`,
      output: `
import { prisma } from './models';
export async function f() {
  return await prisma.user.count({ where: { name: 'a' } });
}
`,
      errors: [{ messageId: 'fetchToCount', data: { call: 'prisma.user.findMany(…)', orm: 'Prisma', hint: 'count({ where })' }, line: 4, column: 17, endLine: 4, endColumn: 63 }],
    },
  ],
});
