import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { jsRuleTester, ruleTester } from '../rule-tester.js';
import rule from '../../src/rules/no-unordered-limit.js';

const prisma = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const typeorm = `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
`;
const knex = `import knex from 'knex';
const db = knex({ client: 'pg' });
`;
const mongoose = `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
`;

/** The `strict` preset's options: one-row lookups are checked too. */
type MessageId = 'unorderedLimit' | 'unorderedFirst' | 'addOrdering';
const single: [{ uniqueColumns: string[]; checkSingleRowLookups: boolean }] = [{ uniqueColumns: ['email', 'username', 'slug', 'uuid'], checkSingleRowLookups: true }];

ruleTester.run('no-unordered-limit', rule, {
  valid: [
    // A batch taken only to be deleted (cleanup until none are left): which rows come first does not matter.
    `import { DataSource, LessThan } from 'typeorm';
import { Session } from './session';
export async function cleanExpired(ds: DataSource) {
  const repo = ds.getRepository(Session);
  for (;;) {
    const expired = await repo.find({ where: { expiresAt: LessThan(new Date()) }, take: 100 });
    if (expired.length === 0) break;
    await repo.remove(expired);
  }
}`,
    `import { DataSource } from 'typeorm';
import { Session } from './session';
export async function cleanBatch(ds: DataSource, cache: { delete(token: string): Promise<void> }, batchSize: number) {
  const sessions = await ds.getRepository(Session).createQueryBuilder('s').where('s.expires < :now', { now: new Date() }).take(batchSize).getMany();
  console.log(\`Cleaning \${sessions.length} sessions\`);
  await ds.getRepository(Session).remove(sessions);
  for (const session of sessions) await cache.delete(session.token);
  return sessions.length;
}`,
    `${knex}export async function purge() {
  const rows = await db('events').where('created_at', '<', cutoff).select('id').limit(500);
  if (rows.length > 0) await db('events').whereIn('id', rows.map((r) => r.id)).del();
}`,
    // Look-alikes: arrays, maps, other libraries.
    'const firstTen = items.slice(0, 10); const one = items.find((i) => i.active);',
    'const cached = cache.get(key); const page = await fetch(`/api/users?limit=10`);',
    'const rows = await redis.lrange(\'queue\', 0, 10);',
    `import _ from 'lodash'; const top = _.take(users, 10);`,
    // An ordering is present.
    `${prisma}const users = await prisma.user.findMany({ take: 10, orderBy: { createdAt: 'desc' } });`,
    `${prisma}const post = await prisma.post.findFirst({ where: { authorId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });`,
    `${typeorm}const users = await dataSource.getRepository(User).find({ take: 10, order: { id: 'ASC' } });`,
    `${typeorm}const post = await dataSource.getRepository(Post).createQueryBuilder('p').orderBy('p.createdAt', 'DESC').getOne();`,
    `import { Model } from 'sequelize'; class User extends Model {}
const users = await User.findAll({ limit: 10, order: [['id', 'ASC']] });`,
    `import { drizzle } from 'drizzle-orm/node-postgres'; const db = drizzle(url);
const rows = await db.select().from(users).orderBy(users.id).limit(10);`,
    `import { MikroORM } from '@mikro-orm/postgresql'; const orm = await MikroORM.init();
const users = await orm.em.find(User, {}, { limit: 10, orderBy: { id: 'asc' } });`,
    `${knex}const user = await db('users').where('team_id', teamId).orderBy('created_at').first();`,
    `import { Kysely } from 'kysely'; const db = new Kysely({ dialect });
const rows = await db.selectFrom('users').selectAll().orderBy('id').limit(10).execute();`,
    `import { Model } from 'objection'; class Person extends Model {}
const people = await Person.query().orderBy('id').limit(10);`,
    `${mongoose}const users = await User.find({ active: true }).sort({ createdAt: -1 }).limit(10);`,
    `${mongoose}const users = await User.find({ active: true }, null, { limit: 10, sort: { _id: 1 } });`,
    // Lookups by a unique key return at most one row.
    `${prisma}const user = await prisma.user.findUnique({ where: { email } });`,
    `${prisma}const user = await prisma.user.findFirst({ where: { id: userId, deletedAt: null } });
console.log(user);`,
    `${typeorm}const user = await dataSource.getRepository(User).findOneBy({ id });
console.log(user);`,
    `${typeorm}const user = await dataSource.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id }).getOne();
console.log(user);`,
    `import { Model } from 'sequelize'; class User extends Model {}
const user = await User.findByPk(id); const member = await User.findOne({ where: { id, teamId } });
console.log(user, member);`,
    `${knex}const user = await db('users').where({ id }).first();
console.log(user);`,
    `import { Kysely } from 'kysely'; const db = new Kysely({ dialect });
const user = await db.selectFrom('users').selectAll().where('users.id', '=', id).executeTakeFirst();
console.log(user);`,
    `import { MikroORM } from '@mikro-orm/postgresql'; const orm = await MikroORM.init();
const user = await orm.em.findOne(User, userId);
console.log(user);`,
    `import { Model } from 'objection'; class Person extends Model {}
const person = await Person.query().findById(1);
console.log(person);`,
    `${mongoose}const user = await User.findById(id); const same = await User.findOne({ _id: id });
console.log(user, same);`,
    // Other unique columns: by default \`email\`, \`username\`, \`slug\`, \`uuid\`; more from the option or \`settings.orm\`.
    `${prisma}const user = await prisma.user.findFirst({ where: { email } });
console.log(user);`,
    `${typeorm}const article = await dataSource.getRepository(Article).findOneBy({ slug });
console.log(article);`,
    {
      code: `${prisma}const member = await prisma.teamUser.findFirst({ where: { teamId, userId } });
console.log(member);`,
      options: [{ uniqueColumns: ['TeamUser.teamId+userId'], checkSingleRowLookups: true }],
    },
    // A table's own `<table>Id` column is its key by convention (Drizzle schemas named this way).
    {
      code: `
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { gitlab, projects, categories } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function byId(gitlabId: string, projectId: string, categoryId: string) {
  const a = await db.query.gitlab.findFirst({ where: eq(gitlab.gitlabId, gitlabId) });
  const b = await db.query.projects.findFirst({ where: eq(projects.projectId, projectId) });
  const c = await db.select().from(categories).where(eq(categories.category_id, categoryId)).limit(1);
  return [a, b, c];
}
`,
      options: single,
    },
    {
      code: `${prisma}const user = await prisma.user.findFirst({ where: { handle } });
console.log(user);`,
      options: [{ uniqueColumns: ['handle'], checkSingleRowLookups: true }],
    },
    {
      code: `${prisma}const user = await prisma.user.findFirst({ where: { username } });
console.log(user);`,
      options: [{ uniqueColumns: ['User.username'], checkSingleRowLookups: true }],
    },
    {
      code: `${mongoose}const user = await User.findOne({ handle });
console.log(user);`,
      options: single,
      settings: { orm: { uniqueColumns: ['handle'] } },
    },
    // \`take: 1\` existence checks: the row itself is not read.
    `${prisma}if (await prisma.user.findFirst({ where: { email } })) throw new Error('taken');`,
    `${prisma}const existing = await prisma.user.findFirst({ where: { email } });
if (existing) throw new Error('taken');`,
    `${prisma}const taken = !!(await prisma.user.findFirst({ where: { email } }));`,
    `${prisma}const found = (await prisma.user.findMany({ where: { email }, take: 1 })).length > 0;`,
    `${typeorm}const user = await dataSource.getRepository(User).findOneBy({ email });
return user === null;`,
    `${knex}const row = await db('users').where('email', email).first();
if (!row) throw new Error('missing');`,
    // Aggregates return one row per group.
    `${prisma}const n = await prisma.user.count({ where: { active: true }, take: 100 });`,
    `${knex}const { n } = await db('users').count('* as n').first();`,
    `${knex}const oldest = await db('users').max('age as age').first();
console.log(oldest);`,
    `${typeorm}const total = await dataSource.getRepository(Order).createQueryBuilder('o').select('SUM(o.amount)', 'total').getRawOne();
console.log(total);`,
    `import { Kysely } from 'kysely'; const db = new Kysely({ dialect });
const { count } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).where('name', '=', name).executeTakeFirstOrThrow();
console.log(count);`,
    // TypeORM 0.2 conditions form: \`findOne({ id })\` is a filter, not options.
    `${typeorm}const user = await dataSource.getRepository(User).findOne({ id });
console.log(user);`,
    // Prisma's engine orders a read that pages (\`take\`, \`cursor\`, \`skip\` > 0) by the primary key when it names
    // no \`orderBy\`: the same rows on every call (rallly, hoppscotch batch loops and cursor pages).
    `${prisma}const users = await prisma.user.findMany({ where: { active: true }, take: 10 });`,
    `${prisma}const page = await prisma.user.findMany({ take: 20, skip: 40, });`,
    `${prisma}while (true) {
  const batch = await prisma.poll.findMany({ where: { deleted: true }, select: { id: true }, take: BATCH });
  if (batch.length === 0) break;
  await prisma.poll.deleteMany({ where: { id: { in: batch.map((p) => p.id) } } });
}`,
    `${prisma}const teams = await prisma.team.findMany({ take, skip: cursor ? 1 : 0, cursor: cursor ? { id: cursor } : undefined, where: { members: { some: { userUid } } } });`,
    `${prisma}const user = await prisma.user.findFirst({ where: { active: true }, skip: 1 });
console.log(user);`,
    // Options the rule cannot see.
    `${prisma}const users = await prisma.user.findMany(args);`,
    `${prisma}const users = await prisma.user.findMany({ ...args, take: 10 });`,
  ].map((c): ValidTestCase<typeof single> => (typeof c === 'string' ? { code: c, options: single } : { ...(c as ValidTestCase<typeof single>), options: (c as ValidTestCase<typeof single>).options ?? single })),
  invalid: [
  {
    // Deleted, but also returned: which rows come back matters.
    code: `import { DataSource, LessThan } from 'typeorm';
import { Session } from './session';
export async function cleanSome(ds: DataSource) {
  const repo = ds.getRepository(Session);
  const expired = await repo.find({ where: { expiresAt: LessThan(new Date()) }, take: 100 });
  await repo.remove(expired);
  return expired;
}`,
    errors: [{ messageId: 'unorderedLimit', line: 5, column: 81, endLine: 5, endColumn: 90, suggestions: [
      { messageId: 'addOrdering', data: { column: 'id' }, output: `import { DataSource, LessThan } from 'typeorm';
import { Session } from './session';
export async function cleanSome(ds: DataSource) {
  const repo = ds.getRepository(Session);
  const expired = await repo.find({ where: { expiresAt: LessThan(new Date()) }, take: 100, order: { id: 'ASC' } });
  await repo.remove(expired);
  return expired;
}` },
    ] }],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const session = await prisma.session.findFirst({ where: { userId } });
console.log(session.token);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'prisma.session.findFirst(…)', clause: 'findFirst()' }, line: 3, column: 38, endLine: 3, endColumn: 47, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const session = await prisma.session.findFirst({ where: { userId }, orderBy: { id: 'asc' } });
console.log(session.token);` },
      ] }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const user = await prisma.user.findFirst();
console.log(user);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'prisma.user.findFirst()', clause: 'findFirst()' }, line: 3, column: 32, endLine: 3, endColumn: 41, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const user = await prisma.user.findFirst({ orderBy: { id: 'asc' } });
console.log(user);` },
      ] }
    ],
  },
  {
    // A \`skip\` on \`findFirst\` makes Prisma order by the key; \`skip: 0\` does not.
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const user = await prisma.user.findFirst({ where: { active: true }, skip: 0 });
console.log(user);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'prisma.user.findFirst(…)', clause: 'findFirst()' }, line: 3, column: 32, endLine: 3, endColumn: 41, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const user = await prisma.user.findFirst({ where: { active: true }, skip: 0, orderBy: { id: 'asc' } });
console.log(user);` },
      ] }
    ],
  },
  {
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const users = await dataSource.getRepository(User).find({ where: { active: true }, take: 10 });`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: 'dataSource.getRepository(…).find(…)', clause: 'take' }, line: 3, column: 84, endLine: 3, endColumn: 92, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const users = await dataSource.getRepository(User).find({ where: { active: true }, take: 10, order: { id: 'ASC' } });` },
      ] }
    ],
  },
  {
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const user = await dataSource.getRepository(User).findOneBy({ name });
console.log(user.name);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'dataSource.getRepository(…).findOneBy(…)', clause: 'findOneBy()' }, line: 3, column: 51, endLine: 3, endColumn: 60, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const user = await dataSource.getRepository(User).findOne({ where: { name }, order: { id: 'ASC' } });
console.log(user.name);` },
      ] }
    ],
  },
  {
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const latest = await dataSource.getRepository(Post).createQueryBuilder('post').where('post.published = :p', { p: true }).getOne();
console.log(latest);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: "dataSource.getRepository(…).createQueryBuilder('post').where(…).getOne()", clause: 'getOne()' }, line: 3, column: 122, endLine: 3, endColumn: 128, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const latest = await dataSource.getRepository(Post).createQueryBuilder('post').where('post.published = :p', { p: true }).orderBy('post.id', 'ASC').getOne();
console.log(latest);` },
      ] }
    ],
  },
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
const users = await User.findAll({ where: { active: true }, limit: 10 });`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: 'User.findAll(…)', clause: 'limit' }, line: 3, column: 61, endLine: 3, endColumn: 70, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { Model } from 'sequelize';
class User extends Model {}
const users = await User.findAll({ where: { active: true }, limit: 10, order: [['id', 'ASC']] });` },
      ] }
    ],
  },
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
const user = await User.findOne({ where: { name } });
console.log(user.name);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'User.findOne(…)', clause: 'findOne()' }, line: 3, column: 25, endLine: 3, endColumn: 32, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { Model } from 'sequelize';
class User extends Model {}
const user = await User.findOne({ where: { name }, order: [['id', 'ASC']] });
console.log(user.name);` },
      ] }
    ],
  },
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL);
const rows = await db.select().from(users).where(eq(users.active, true)).limit(10);`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: 'db.select().from(…).where(…).limit(…)', clause: '.limit()' }, line: 4, column: 74, endLine: 4, endColumn: 79, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL);
const rows = await db.select().from(users).where(eq(users.active, true)).orderBy(users.id).limit(10);` },
      ] }
    ],
  },
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL);
const user = await db.query.users.findFirst({ where: eq(users.name, name) });
console.log(user);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'db.query.users.findFirst(…)', clause: 'findFirst()' }, line: 4, column: 35, endLine: 4, endColumn: 44, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL);
const user = await db.query.users.findFirst({ where: eq(users.name, name), orderBy: (table, { asc }) => [asc(table.id)] });
console.log(user);` },
      ] }
    ],
  },
  {
    code: `import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init();
const users = await orm.em.find(User, { active: true }, { limit: 10 });`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: 'orm.em.find(…)', clause: 'limit' }, line: 3, column: 59, endLine: 3, endColumn: 68, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init();
const users = await orm.em.find(User, { active: true }, { limit: 10, orderBy: { id: 'asc' } });` },
      ] }
    ],
  },
  {
    code: `import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init();
const user = await orm.em.findOne(User, { name });
console.log(user);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'orm.em.findOne(…)', clause: 'findOne()' }, line: 3, column: 27, endLine: 3, endColumn: 34, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init();
const user = await orm.em.findOne(User, { name }, { orderBy: { id: 'asc' } });
console.log(user);` },
      ] }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const user = await db('users').where('name', name).first();
console.log(user);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: "db('users').where(…).first()", clause: '.first()' }, line: 3, column: 52, endLine: 3, endColumn: 57, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
const user = await db('users').where('name', name).orderBy('id').first();
console.log(user);` },
      ] }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const rows = await db('users as u').join('teams as t', 't.id', 'u.team_id').select('u.*').limit(10);`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: "db('users as u').join(…).select('u.*').limit(…)", clause: '.limit()' }, line: 3, column: 91, endLine: 3, endColumn: 96, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
const rows = await db('users as u').join('teams as t', 't.id', 'u.team_id').select('u.*').orderBy('u.id').limit(10);` },
      ] }
    ],
  },
  {
    code: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
const rows = await db.selectFrom('users').selectAll().limit(10).execute();`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: "db.selectFrom('users').selectAll().limit(…).execute()", clause: '.limit()' }, line: 3, column: 55, endLine: 3, endColumn: 60, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
const rows = await db.selectFrom('users').selectAll().orderBy('id').limit(10).execute();` },
      ] }
    ],
  },
  {
    code: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
const user = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
console.log(user);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: "db.selectFrom('users').selectAll().where(…).executeTakeFirst()", clause: 'executeTakeFirst()' }, line: 3, column: 80, endLine: 3, endColumn: 96, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
const user = await db.selectFrom('users').selectAll().where('name', '=', name).orderBy('id').executeTakeFirst();
console.log(user);` },
      ] }
    ],
  },
  {
    code: `import { Model } from 'objection';
class Person extends Model {}
const people = await Person.query().where('active', true).limit(10);`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: 'Person.query().where(…).limit(…)', clause: '.limit()' }, line: 3, column: 59, endLine: 3, endColumn: 64, suggestions: [
        { messageId: 'addOrdering', data: { column: 'id' }, output: `import { Model } from 'objection';
class Person extends Model {}
const people = await Person.query().where('active', true).orderBy('id').limit(10);` },
      ] }
    ],
  },
  {
    code: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const users = await User.find({ active: true }).limit(10).lean();`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: 'User.find(…).limit(…).lean()', clause: '.limit()' }, line: 3, column: 49, endLine: 3, endColumn: 54, suggestions: [
        { messageId: 'addOrdering', data: { column: '_id' }, output: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const users = await User.find({ active: true }).sort({ _id: 1 }).limit(10).lean();` },
      ] }
    ],
  },
  {
    code: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const user = await User.findOne({ name });
console.log(user.name);`,
    errors: [
      { messageId: 'unorderedFirst', data: { call: 'User.findOne(…)', clause: 'findOne()' }, line: 3, column: 25, endLine: 3, endColumn: 32, suggestions: [
        { messageId: 'addOrdering', data: { column: '_id' }, output: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const user = await User.findOne({ name }).sort({ _id: 1 });
console.log(user.name);` },
      ] }
    ],
  },
  {
    code: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const users = await User.find({ active: true }, null, { limit: 10 });`,
    errors: [
      { messageId: 'unorderedLimit', data: { call: 'User.find(…)', clause: 'limit' }, line: 3, column: 57, endLine: 3, endColumn: 66, suggestions: [
        { messageId: 'addOrdering', data: { column: '_id' }, output: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const users = await User.find({ active: true }, null, { limit: 10, sort: { _id: 1 } });` },
      ] }
    ],
  },
  ].map((c): InvalidTestCase<MessageId, typeof single> => ({ ...(c as InvalidTestCase<MessageId, typeof single>), options: single })),
});

ruleTester.run('no-unordered-limit: options', rule, {
  valid: [
    // By default one-row lookups are left alone: their filter is usually a unique column the rule cannot see.
    `${prisma}const session = await prisma.session.findFirst({ where: { userId } });
console.log(session);`,
    `${knex}const user = await db('users').where('name', name).first();
console.log(user);`,
    `${knex}const user = await db('users').where('name', name).limit(1);
console.log(user);`,
  ],
  invalid: [
    {
      code: `${prisma}const user = await prisma.user.findFirst({ where: { email } });
console.log(user);`,
      options: [{ uniqueColumns: [], checkSingleRowLookups: true }],
      errors: [
        { messageId: 'unorderedFirst', data: { call: 'prisma.user.findFirst(…)', clause: 'findFirst()' }, line: 3, column: 32, endLine: 3, endColumn: 41, suggestions: [
          { messageId: 'addOrdering', data: { column: 'id' }, output: `${prisma}const user = await prisma.user.findFirst({ where: { email }, orderBy: { id: 'asc' } });
console.log(user);` },
        ] },
      ],
    },
    {
      code: `${prisma}const member = await prisma.teamUser.findFirst({ where: { teamId } });
console.log(member);`,
      options: [{ uniqueColumns: ['TeamUser.teamId+userId'], checkSingleRowLookups: true }],
      errors: [
        { messageId: 'unorderedFirst', data: { call: 'prisma.teamUser.findFirst(…)', clause: 'findFirst()' }, line: 3, column: 38, endLine: 3, endColumn: 47, suggestions: [
          { messageId: 'addOrdering', data: { column: 'id' }, output: `${prisma}const member = await prisma.teamUser.findFirst({ where: { teamId }, orderBy: { id: 'asc' } });
console.log(member);` },
        ] },
      ],
    },
    {
      code: `${typeorm}const user = await dataSource.getRepository(User).findOne({ name });
console.log(user);`,
      options: single,
      errors: [
        { messageId: 'unorderedFirst', data: { call: 'dataSource.getRepository(…).findOne(…)', clause: 'findOne()' }, line: 3, column: 51, endLine: 3, endColumn: 58, suggestions: [
          { messageId: 'addOrdering', data: { column: 'id' }, output: `${typeorm}const user = await dataSource.getRepository(User).findOne({ name }, { order: { id: 'ASC' } });
console.log(user);` },
        ] },
      ],
    },
    {
      code: `${prisma}const user = await prisma.user.findFirst({ where: { slug } });
console.log(user);`,
      options: [{ uniqueColumns: ['Team.slug'], checkSingleRowLookups: true }],
      errors: [
        { messageId: 'unorderedFirst', data: { call: 'prisma.user.findFirst(…)', clause: 'findFirst()' }, line: 3, column: 32, endLine: 3, endColumn: 41, suggestions: [
          { messageId: 'addOrdering', data: { column: 'id' }, output: `${prisma}const user = await prisma.user.findFirst({ where: { slug }, orderBy: { id: 'asc' } });
console.log(user);` },
        ] },
      ],
    },
    {
      code: `${prisma}const existing = await prisma.user.findFirst({ where: { name } });
if (existing) return existing.id;`,
      options: single,
      errors: [
        { messageId: 'unorderedFirst', data: { call: 'prisma.user.findFirst(…)', clause: 'findFirst()' }, line: 3, column: 36, endLine: 3, endColumn: 45, suggestions: [
          { messageId: 'addOrdering', data: { column: 'id' }, output: `${prisma}const existing = await prisma.user.findFirst({ where: { name }, orderBy: { id: 'asc' } });
if (existing) return existing.id;` },
        ] },
      ],
    },
    {
      code: `${prisma}const session = await prisma.session.findFirst({
  // the newest one
  where: { userId },
});
console.log(session);`,
      options: single,
      errors: [{ messageId: 'unorderedFirst', data: { call: 'prisma.session.findFirst(…)', clause: 'findFirst()' }, line: 3, column: 38, endLine: 3, endColumn: 47, suggestions: [] }],
    },
  ],
});

jsRuleTester.run('no-unordered-limit (espree, .js)', rule, {
  valid: [{ filename: 'file.js', code: `const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
async function main() { return prisma.user.findMany({ take: 5, orderBy: { id: 'asc' } }); }` }],
  invalid: [
    {
      filename: 'file.js',
      code: `const knex = require('knex')({ client: 'pg' });
async function main(name) { return knex('users').where('name', name).first(); }`,
      options: single,
      errors: [
        { messageId: 'unorderedFirst', data: { call: "knex('users').where(…).first()", clause: '.first()' }, line: 2, column: 70, endLine: 2, endColumn: 75, suggestions: [
          { messageId: 'addOrdering', data: { column: 'id' }, output: `const knex = require('knex')({ client: 'pg' });
async function main(name) { return knex('users').where('name', name).orderBy('id').first(); }` },
        ] },
      ],
    },
  ],
});
