import { jsRuleTester, ruleTester } from '../rule-tester.js';
import rule from '../../src/rules/no-large-in-list.js';

const prisma = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const knex = `import knex from 'knex';
const db = knex({ client: 'pg' });
`;
const list15 = '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]';
const list16 = '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]';

ruleTester.run('no-large-in-list', rule, {
  valid: [
    // Keys read out of a JSON text column: no join or subquery on a column reaches them.
    `${prisma}export async function linked(tableId: string) {
  const links = await prisma.field.findMany({ where: { tableId } });
  const targetIds = links.map(({ options }) => (options ? JSON.parse(options) : null)?.targetId).filter(Boolean) as string[];
  return prisma.field.findMany({ where: { id: { in: targetIds } } });
}`,
    // Look-alikes: arrays that are not IN lists.
    `const allowed = new Set(${list16}); const ok = allowed.has(x) || ${list16}.includes(y);`,
    `${prisma}const users = await prisma.user.findMany({ where: { tags: { hasSome: ${list16} } }, select: { id: true } });`,
    `import { Model, Op } from 'sequelize'; class User extends Model {}
const users = await User.findAll({ where: { [Op.or]: [{ a: 1 }, { b: 2 }] }, attributes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p'] });`,
    `import { MikroORM } from '@mikro-orm/postgresql'; const orm = await MikroORM.init();
const users = await orm.em.find(User, { active: true }, { populate: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p'] });`,
    `import mongoose from 'mongoose'; const User = mongoose.model('User', schema);
const users = await User.find({ tags: { $all: ${list16} } });`,
    // Lists up to \`maxItems\`.
    `${prisma}const users = await prisma.user.findMany({ where: { id: { in: ${list15} } } });`,
    `${knex}const rows = await db('users').whereIn('id', ${list15});`,
    { code: `${knex}const rows = await db('users').whereIn('id', ${list16});`, options: [{ maxItems: 20 }] },
    // Keys from a bounded page: loading the related rows by IN is the batched fix for N+1.
    `${prisma}async function page() {
  const posts = await prisma.post.findMany({ take: 20, orderBy: { id: 'desc' } });
  const authors = await prisma.user.findMany({ where: { id: { in: posts.map((p) => p.authorId) } } });
  return { posts, authors };
}`,
    `${knex}async function page() {
  const posts = await db('posts').orderBy('id').limit(20);
  return db('users').whereIn('id', posts.map((p) => p.author_id));
}`,
    // Keys from somewhere else: another function, another ORM, an API, the caller.
    `${prisma}const posts = await prisma.post.findMany({ where: { published: true } });
async function authors() {
  return prisma.user.findMany({ where: { id: { in: posts.map((p) => p.authorId) } } });
}`,
    `${knex}import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function authors() {
  const posts = await prisma.post.findMany({ where: { published: true } });
  return db('users').whereIn('id', posts.map((p) => p.authorId));
}`,
    `${knex}async function byIds(ids: number[]) {
  const fromApi = (await fetch('/api/ids').then((r) => r.json())).map((r) => r.id);
  return db('users').whereIn('id', ids).orWhereIn('id', fromApi);
}`,
    // One snapshot of keys feeding several statements (children first, then parents) is taken on purpose.
    `${prisma}async function removeDemo() {
  const websites = await prisma.website.findMany({ where: { demo: true }, select: { id: true } });
  const websiteIds = websites.map((w) => w.id);
  await prisma.event.deleteMany({ where: { websiteId: { in: websiteIds } } });
  await prisma.website.deleteMany({ where: { id: { in: websiteIds } } });
}`,
    // Options the rule cannot see.
    `${prisma}const posts = await prisma.post.findMany(args);
const users = await prisma.user.findMany({ where: { id: { in: posts.map((p) => p.authorId) } } });`,
  ],
  invalid: [
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const users = await prisma.user.findMany({ where: { id: { in: ${list16} } } });`,
    errors: [
      { messageId: 'largeInList', data: { call: 'prisma.user.findMany(…)', count: '16', max: '15' }, line: 3, column: 63, endLine: 3, endColumn: 118, suggestions: [] }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const STATUSES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q'];
const orders = await prisma.order.findMany({ where: { status: { notIn: STATUSES } } });`,
    errors: [
      { messageId: 'largeInList', data: { call: 'prisma.order.findMany(…)', count: '17', max: '15' }, line: 4, column: 72, endLine: 4, endColumn: 80, suggestions: [] }
    ],
  },
  {
    code: `import { DataSource, In } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const users = await dataSource.getRepository(User).findBy({ id: In(${list16}) });`,
    errors: [
      { messageId: 'largeInList', data: { call: 'dataSource.getRepository(…).findBy(…)', count: '16', max: '15' }, line: 3, column: 68, endLine: 3, endColumn: 123, suggestions: [] }
    ],
  },
  {
    code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
const users = await dataSource.getRepository(User).createQueryBuilder('u').where('u.id IN (:...ids)', { ids: ${list16} }).getMany();`,
    errors: [
      { messageId: 'largeInList', data: { call: "dataSource.getRepository(…).createQueryBuilder('u').where(…).getMany()", count: '16', max: '15' }, line: 3, column: 110, endLine: 3, endColumn: 165, suggestions: [] }
    ],
  },
  {
    code: `import { Model, Op } from 'sequelize';
class User extends Model {}
const users = await User.findAll({ where: { id: { [Op.in]: ${list16} } } });`,
    errors: [
      { messageId: 'largeInList', data: { call: 'User.findAll(…)', count: '16', max: '15' }, line: 3, column: 60, endLine: 3, endColumn: 115, suggestions: [] }
    ],
  },
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
const users = await User.findAll({ where: { id: ${list16} } });`,
    errors: [
      { messageId: 'largeInList', data: { call: 'User.findAll(…)', count: '16', max: '15' }, line: 3, column: 49, endLine: 3, endColumn: 104, suggestions: [] }
    ],
  },
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { inArray } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL);
const rows = await db.select().from(users).where(inArray(users.id, ${list16}));`,
    errors: [
      { messageId: 'largeInList', data: { call: 'db.select().from(…).where(…)', count: '16', max: '15' }, line: 4, column: 68, endLine: 4, endColumn: 123, suggestions: [] }
    ],
  },
  {
    code: `import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init();
const users = await orm.em.find(User, { id: { $in: ${list16} } });`,
    errors: [
      { messageId: 'largeInList', data: { call: 'orm.em.find(…)', count: '16', max: '15' }, line: 3, column: 52, endLine: 3, endColumn: 107, suggestions: [] }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const rows = await db('users').whereIn('id', ${list16});`,
    errors: [
      { messageId: 'largeInList', data: { call: "db('users').whereIn(…)", count: '16', max: '15' }, line: 3, column: 46, endLine: 3, endColumn: 101, suggestions: [] }
    ],
  },
  {
    code: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
const rows = await db.selectFrom('users').selectAll().where('id', 'in', ${list16}).execute();`,
    errors: [
      { messageId: 'largeInList', data: { call: "db.selectFrom('users').selectAll().where(…).execute()", count: '16', max: '15' }, line: 3, column: 73, endLine: 3, endColumn: 128, suggestions: [] }
    ],
  },
  {
    code: `import { Model } from 'objection';
class Person extends Model {}
const people = await Person.query().whereIn('id', ${list16});`,
    errors: [
      { messageId: 'largeInList', data: { call: 'Person.query().whereIn(…)', count: '16', max: '15' }, line: 3, column: 51, endLine: 3, endColumn: 106, suggestions: [] }
    ],
  },
  {
    code: `import mongoose from 'mongoose';
const User = mongoose.model('User', userSchema);
const users = await User.find({ _id: { $in: ${list16} } });`,
    errors: [
      { messageId: 'largeInList', data: { call: 'User.find(…)', count: '16', max: '15' }, line: 3, column: 45, endLine: 3, endColumn: 100, suggestions: [] }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function authorsOfPublished() {
  const posts = await prisma.post.findMany({ where: { published: true }, select: { authorId: true } });
  return prisma.user.findMany({ where: { id: { in: posts.map((p) => p.authorId) } } });
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: 'prisma.user.findMany(…)', source: 'prisma.post.findMany(…)', line: '4', orm: 'Prisma', hint: 'a relation filter such as `where: { author: { is: { … } } }` or `where: { posts: { some: { … } } }`' }, line: 5, column: 52, endLine: 5, endColumn: 80, suggestions: [] }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function authorsOfPublished() {
  const posts = await db('posts').where('published', true).select('author_id as authorId', 'title');
  const ids = [...new Set(posts.map((p) => p.authorId))];
  return db('users').whereIn('id', ids);
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: "db('users').whereIn(…)", source: "db('posts').where(…).select(…)", line: '4', orm: 'Knex', hint: "`whereIn('column', knex('other').select('column').where(…))`, or a join" }, line: 6, column: 36, endLine: 6, endColumn: 39, suggestions: [
        { messageId: 'useSubquery', data: { source: "db('posts').where(…).select(…)" }, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function authorsOfPublished() {
  return db('users').whereIn('id', db('posts').where('published', true).select('author_id'));
}` },
      ] }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function deactivate() {
  const ids = await db('bans').where('active', true).pluck('user_id');
  await db('users').whereIn('id', ids).update({ active: false });
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: "db('users').whereIn(…).update(…)", source: "db('bans').where(…).pluck('user_id')", line: '4', orm: 'Knex', hint: "`whereIn('column', knex('other').select('column').where(…))`, or a join" }, line: 5, column: 35, endLine: 5, endColumn: 38, suggestions: [
        { messageId: 'useSubquery', data: { source: "db('bans').where(…).pluck('user_id')" }, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function deactivate() {
  await db('users').whereIn('id', db('bans').where('active', true).select('user_id')).update({ active: false });
}` },
      ] }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function authors() {
  const posts = await db('posts').where('published', true);
  const users = await db('users').whereIn('id', posts.map((p) => p.authorId));
  return { posts, users };
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: "db('users').whereIn(…)", source: "db('posts').where(…)", line: '4', orm: 'Knex', hint: "`whereIn('column', knex('other').select('column').where(…))`, or a join" }, line: 5, column: 49, endLine: 5, endColumn: 77, suggestions: [
        { messageId: 'useSubquery', data: { source: "db('posts').where(…)" }, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function authors() {
  const posts = await db('posts').where('published', true);
  const users = await db('users').whereIn('id', db('posts').where('published', true).select('authorId'));
  return { posts, users };
}` },
      ] }
    ],
  },
  {
    code: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
async function authors() {
  const posts = await db.selectFrom('posts').select(['authorId', 'title']).where('published', '=', true).execute();
  const authorIds = posts.map((p) => p.authorId);
  return db.selectFrom('users').selectAll().where('id', 'in', authorIds).execute();
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: "db.selectFrom('users').selectAll().where(…).execute()", source: "db.selectFrom('posts').select(…).where(…).execute()", line: '4', orm: 'Kysely', hint: "`where('column', 'in', db.selectFrom('other').select('column').where(…))`, or a join" }, line: 6, column: 63, endLine: 6, endColumn: 72, suggestions: [
        { messageId: 'useSubquery', data: { source: "db.selectFrom('posts').select(…).where(…).execute()" }, output: `import { Kysely } from 'kysely';
const db = new Kysely({ dialect });
async function authors() {
  return db.selectFrom('users').selectAll().where('id', 'in', db.selectFrom('posts').select('authorId').where('published', '=', true)).execute();
}` },
      ] }
    ],
  },
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, inArray } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL);
async function authors() {
  const published = await db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.published, true));
  return db.select().from(users).where(inArray(users.id, published.map(({ authorId }) => authorId)));
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: 'db.select().from(…).where(…)', source: 'db.select(…).from(…).where(…)', line: '5', orm: 'Drizzle', hint: '`inArray(table.column, db.select({ column: other.column }).from(other).where(…))`, or a join' }, line: 6, column: 58, endLine: 6, endColumn: 99, suggestions: [
        { messageId: 'useSubquery', data: { source: 'db.select(…).from(…).where(…)' }, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, inArray } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL);
async function authors() {
  return db.select().from(users).where(inArray(users.id, db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.published, true))));
}` },
      ] }
    ],
  },
  {
    code: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}
async function authors() {
  const posts = await Post.query().where('published', true);
  return Person.query().whereIn('id', posts.map((p) => p.authorId));
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: 'Person.query().whereIn(…)', source: 'Post.query().where(…)', line: '5', orm: 'Objection', hint: "`whereIn('column', Other.query().select('column').where(…))`, `joinRelated`, or `whereExists(Model.relatedQuery(…))`" }, line: 6, column: 39, endLine: 6, endColumn: 67, suggestions: [
        { messageId: 'useSubquery', data: { source: 'Post.query().where(…)' }, output: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}
async function authors() {
  return Person.query().whereIn('id', Post.query().where('published', true).select('authorId'));
}` },
      ] }
    ],
  },
  {
    code: `import { DataSource, In } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
async function authors() {
  const posts = await dataSource.getRepository(Post).findBy({ published: true });
  return dataSource.getRepository(User).findBy({ id: In(posts.map((p) => p.authorId)) });
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: 'dataSource.getRepository(…).findBy(…)', source: 'dataSource.getRepository(…).findBy(…)', line: '4', orm: 'TypeORM', hint: 'a nested relation condition (`where: { author: { … } }`), an `innerJoin`, or a `subQuery()` in a query builder' }, line: 5, column: 57, endLine: 5, endColumn: 85, suggestions: [] }
    ],
  },
  {
    code: `import { Model, Op } from 'sequelize';
class User extends Model {}
class Post extends Model {}
async function authors() {
  const posts = await Post.findAll({ where: { published: true } });
  return User.findAll({ where: { id: posts.map((p) => p.authorId) } });
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: 'User.findAll(…)', source: 'Post.findAll(…)', line: '5', orm: 'Sequelize', hint: "an `include` with a `where` and `required: true`, or a `sequelize.literal('(SELECT …)')` subquery" }, line: 6, column: 38, endLine: 6, endColumn: 66, suggestions: [] }
    ],
  },
  {
    code: `import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init();
async function authors() {
  const posts = await orm.em.find(Post, { published: true });
  return orm.em.find(User, { id: { $in: posts.map((p) => p.author.id) } });
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: 'orm.em.find(…)', source: 'orm.em.find(…)', line: '4', orm: 'MikroORM', hint: 'a relation filter (`{ author: { … } }`, `$some`), or a join in a QueryBuilder' }, line: 5, column: 41, endLine: 5, endColumn: 70, suggestions: [] }
    ],
  },
  {
    code: `import mongoose from 'mongoose';
const Post = mongoose.model('Post', postSchema);
const User = mongoose.model('User', userSchema);
async function authors() {
  const authorIds = await Post.distinct('author', { published: true });
  return User.find({ _id: { $in: authorIds } });
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: 'User.find(…)', source: 'Post.distinct(…)', line: '5', orm: 'Mongoose', hint: 'one aggregation with `$lookup` (or `populate` with `match`)' }, line: 6, column: 34, endLine: 6, endColumn: 43, suggestions: [] }
    ],
  },
  {
    code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function others() {
  const banned = await db('bans').select('user_id');
  return db('users').whereNotIn('id', banned.map((b) => b.user_id));
}`,
    errors: [
      { messageId: 'inListFromRows', data: { call: "db('users').whereNotIn(…)", source: "db('bans').select('user_id')", line: '4', orm: 'Knex', hint: "`whereIn('column', knex('other').select('column').where(…))`, or a join" }, line: 5, column: 39, endLine: 5, endColumn: 67, suggestions: [] }
    ],
  },
  ],
});

jsRuleTester.run('no-large-in-list (espree, .js)', rule, {
  valid: [{ filename: 'file.js', code: `const knex = require('knex')({ client: 'pg' });
async function main() { return knex('users').whereIn('id', [1, 2, 3]); }` }],
  invalid: [
    {
      filename: 'file.js',
      code: `const knex = require('knex')({ client: 'pg' });
async function main() {
  const ids = await knex('bans').pluck('user_id');
  return knex('users').whereIn('id', ids);
}`,
      errors: [
        {
          messageId: 'inListFromRows',
          data: { call: "knex('users').whereIn(…)", source: "knex('bans').pluck('user_id')", line: '3', orm: 'Knex', hint: "`whereIn('column', knex('other').select('column').where(…))`, or a join" },
          line: 4, column: 38, endLine: 4, endColumn: 41,
          suggestions: [
            {
              messageId: 'useSubquery',
              data: { source: "knex('bans').pluck('user_id')" },
              output: `const knex = require('knex')({ client: 'pg' });
async function main() {
  return knex('users').whereIn('id', knex('bans').select('user_id'));
}`,
            },
          ],
        },
      ],
    },
  ],
});
