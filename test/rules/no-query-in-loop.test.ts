import rule from '../../src/rules/no-query-in-loop.js';
import { RuleTester as ESLintRuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('no-query-in-loop', rule, {
  valid: [
    {
      // Each turn reads the rows of one batch (an IN list built from the batch): chunked processing, not N+1.
      name: 'a Drizzle read per batch filtered on the batch ids',
      code: `
import { and, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { memberships } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function exportAll(batches: AsyncIterable<{ id: string }[]>, listIds: string[]) {
  for await (const batch of batches) {
    const ids = batch.map((b) => b.id);
    const rows = await db.select().from(memberships).where(and(inArray(memberships.listId, listIds), inArray(memberships.itemId, ids)));
    console.log(rows.length);
  }
}
`,
    },
    {
      // Each configured field names its own entity: every turn reads another table.
      name: 'a TypeORM repository chosen by the loop item',
      code: `
import { DataSource, In } from 'typeorm';
export async function relations(ds: DataSource, fields: { name: string; entity: Function }[], input: Record<string, string[]>) {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    out[field.name] = await ds.getRepository(field.entity).findBy({ id: In(input[field.name]!) });
  }
  return out;
}
`,
    },
    {
      // A relation of the iterated row is prefer-eager-load's report.
      name: "objection $relatedQuery on the iterated row",
      code: `
import { Model } from 'objection';
class Person extends Model {}
export async function f(people: Person[]) {
  for (const person of people) {
    await person.$relatedQuery('pets').where('species', 'dog');
  }
}
`,
    },
    {
      name: "no ORM: unknown receiver with generic method",
      code: `for (const x of xs) { await service.findOne(x.id); }`,
    },
    {
      name: "look-alikes in loops",
      code: `
const m = new Map<string, number>();
const s = new Set<string>();
const params = new URLSearchParams();
for (const k of keys) {
  m.get(k); m.delete(k); s.delete(k); params.delete(k);
  list.find((x) => x === k);
  await fetch(\`/api/\${k}\`);
  await redis.get(k);
  localStorage.getItem(k);
  await cache.get(k);
}
`,
    },
    {
      name: "prisma findUnique batched by Promise.all",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const f = (ids: number[]) => Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));
export const g = (ids: number[]) => Promise.all(ids.map((id) => prisma.user.findUniqueOrThrow({ where: { id } }).posts()));
`,
    },
    {
      name: "mikroorm persist in a loop, one flush",
      code: `
import { EntityManager } from '@mikro-orm/core';
export async function f(em: EntityManager, rows: { title: string }[]) {
  for (const row of rows) em.persist(em.create(Book, row));
  await em.flush();
}
`,
    },
    {
      name: "writes in loops are another rule",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(users: { id: number }[]) {
  for (const u of users) await prisma.user.update({ where: { id: u.id }, data: { active: true } });
}
`,
    },
    {
      name: "small literal arrays",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const ROLES = ['admin', 'editor', 'viewer'];
export async function f() {
  for (const role of ['a', 'b']) await prisma.role.findFirst({ where: { name: role } });
  for (const role of ROLES) await prisma.role.findFirst({ where: { name: role } });
  await Promise.all([1, 2, 3].map((n) => prisma.slot.findMany({ where: { n } })));
}
`,
    },
    {
      name: "bounded retry loop",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(id: number) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const job = await prisma.job.findFirst({ where: { id, locked: false } });
    if (job) return job;
  }
  let retries = 5;
  while (retries-- > 0) {
    if (await prisma.job.findFirst({ where: { id } })) break;
  }
}
`,
    },
    {
      name: "pagination loop",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  let cursor: number | undefined;
  while (true) {
    const page = await prisma.user.findMany({ take: 100, skip: cursor ? 1 : 0, cursor: cursor ? { id: cursor } : undefined, orderBy: { id: 'asc' } });
    if (page.length < 100) break;
    cursor = page[page.length - 1]!.id;
  }
}
`,
    },
    {
      name: "query awaited once before the loop, and in the iterable",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(ids: number[]) {
  const usersPromise = prisma.user.findMany();
  for (const id of ids) {
    const users = await usersPromise;
    console.log(users.length, id);
  }
  for (const u of await prisma.user.findMany()) console.log(u);
}
`,
    },
    {
      name: "function created in a loop is not run per item",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function f(ids: number[]) {
  const handlers = [];
  for (const id of ids) handlers.push(async () => prisma.user.findMany({ where: { id } }));
  return handlers;
}
`,
    },
    {
      name: "kysely builder without terminal runs nothing",
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<DB>;
export function f(ids: number[]) {
  return ids.map((id) => db.selectFrom('users').selectAll().where('id', '=', id));
}
`,
    },
    {
      name: "ignoreModels option",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(ids: number[]) {
  for (const id of ids) await prisma.country.findUnique({ where: { id } });
}
`,
      options: [{"ignoreModels":["country"]}],
    },
    {
      name: "knex builder used as a subquery per item is not executed",
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export function f(groups: string[]) {
  return groups.map((g) => db('users').whereIn('id', db('members').select('user_id').where('group', g)));
}
`,
    },
    {
      // formbricks: a lookup per slice of the ids is already batched.
      name: 'a counted loop stepping by a batch size, reading a slice with IN',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const SIZE = 500;
export async function workspaces(ids: string[]) {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += SIZE) {
    const batch = ids.slice(i, i + SIZE);
    const rows = await prisma.survey.findMany({ where: { id: { in: batch } }, select: { id: true, workspaceId: true } });
    for (const row of rows) out.set(row.id, row.workspaceId);
  }
  return out;
}
`,
    },
    {
      // medusa: a cascade over the relations the entity's metadata declares, one load per relation.
      name: 'a loop over MikroORM entity metadata relations',
      code: `
import { wrap } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
export async function cascade(manager: SqlEntityManager, entity: any) {
  const relations = manager.getDriver().getMetadata().get(entity.constructor.name).relations;
  const toCascade = relations.filter((relation) => relation.cascade?.includes('soft-remove'));
  for (const relation of toCascade) {
    const related = await wrap(entity[relation.name]).init();
    console.log(related);
  }
}
`,
    },
    {
      name: 'a loop over TypeORM repository metadata relations',
      code: `
import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function counts(id: number) {
  const repo = dataSource.getRepository(User);
  for (const relation of repo.metadata.relations) {
    console.log(await repo.createQueryBuilder().relation(User, relation.propertyName).of(id).loadMany());
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a Sequelize where shorthand with the item itself is one value per turn, not an IN list',
      code: `
import { Post } from './models';
export async function f(wanted: number[]) {
  for (const views of wanted) {
    await Post.findOne({ where: { views } });
  }
}
`,
      output: null,
      errors: [{ messageId: 'queryInLoop', line: 5, column: 11, endLine: 5, endColumn: 45, suggestions: [{ messageId: 'useBatchQuery', output: `
import { Post } from './models';
export async function f(wanted: number[]) {
  const postRows = await Post.findAll({ where: { views: wanted } });
  for (const views of wanted) {
    postRows.find((row) => row.views === views) ?? null;
  }
}
` }] }],
    },
    {
      // A list destructured from one row is that row's own: still one query per row.
      name: 'a per-row IN list destructured from the item',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function tagsOf(posts: { id: number; tagIds: number[] }[]) {
  for (const { tagIds } of posts) {
    await prisma.tag.findMany({ where: { id: { in: tagIds } } });
  }
}
`,
      errors: [{ messageId: 'queryInLoop', line: 6 }],
    },
    {
      name: 'a stepping loop that still reads one row per turn',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function every2nd(ids: string[]) {
  for (let i = 0; i < ids.length; i += 2) {
    const survey = await prisma.survey.findUnique({ where: { id: ids[i] } });
    console.log(survey);
  }
}
`,
      errors: [{ messageId: 'queryInLoop' }],
    },
    {
      name: 'the same query every turn: hoist it',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function notify(users: { id: number }[], teamId: number) {
  for (const user of users) {
    const team = await prisma.team.findUnique({ where: { id: teamId } });
    console.log(user.id, team);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'sameQueryInLoop',
          data: { call: 'prisma.team.findUnique(…)', item: '`user`', loop: '`for…of` loop' },
          line: 6, column: 24, endLine: 6, endColumn: 73,
          suggestions: [],
        },
      ],
    },
    {
      name: "prisma for-of findUnique",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function authors(posts: { authorId: number }[]) {
  const out = [];
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    out.push(author);
  }
  return out;
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          data: {
            call: 'prisma.user.findUnique(…)',
            item: '`post`',
            loop: '`for…of` loop',
            orm: 'Prisma',
            hint: 'findMany({ where: { id: { in: ids } } })',
          },
          line: 7, column: 26, endLine: 7, endColumn: 82,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function authors(posts: { authorId: number }[]) {
  const out = [];
  const userById = new Map((await prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } })).map((row) => [row.id, row] as const));
  for (const post of posts) {
    const author = userById.get(post.authorId) ?? null;
    out.push(author);
  }
  return out;
}
` },
          ],
        },
      ],
    },
    {
      name: "prisma client imported from the app module",
      code: `
import { prisma } from '~/lib/db';
export async function titles(users: { id: number }[]) {
  for (const user of users) {
    const posts = await prisma.post.findMany({ where: { authorId: user.id } });
    console.log(posts.length);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 5, column: 25, endLine: 5, endColumn: 79,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { prisma } from '~/lib/db';
export async function titles(users: { id: number }[]) {
  const postRows = await prisma.post.findMany({ where: { authorId: { in: users.map((user) => user.id) } } });
  for (const user of users) {
    const posts = postRows.filter((row) => row.authorId === user.id);
    console.log(posts.length);
  }
}
` },
          ],
        },
      ],
    },
    {
      name: "prisma injected service, key through a const in the body",
      code: `
import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';
@Injectable()
export class PostService {
  constructor(private readonly prisma: PrismaService) {}
  async authors(posts: Post[]) {
    const result = [];
    for (const post of posts) {
      const id = post.authorId;
      result.push(await this.prisma.user.findFirst({ where: { id, deletedAt: null } }));
    }
    return result;
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 11, column: 25, endLine: 11, endColumn: 87,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';
@Injectable()
export class PostService {
  constructor(private readonly prisma: PrismaService) {}
  async authors(posts: Post[]) {
    const result = [];
    const userById = new Map((await this.prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) }, deletedAt: null } })).map((row) => [row.id, row] as const));
    for (const post of posts) {
      const id = post.authorId;
      result.push(userById.get(id) ?? null);
    }
    return result;
  }
}
` },
          ],
        },
      ],
    },
    {
      name: "prisma tx parameter of an interactive transaction",
      code: `
import { PrismaClient } from '@prisma/client';
declare const prisma: PrismaClient;
export async function run(orderIds: number[]) {
  await prisma.$transaction(async (tx) => {
    for (const orderId of orderIds) {
      await tx.orderLine.count({ where: { orderId } });
    }
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'countInLoop',
          line: 7, column: 13, endLine: 7, endColumn: 55,
          suggestions: [
          ],
        },
      ],
    },
    {
      name: "prisma findMany fanned out with Promise.all",
      code: `
import { PrismaClient } from '@prisma/client';
const db = new PrismaClient();
export const commentsFor = (postIds: number[]) =>
  Promise.all(postIds.map(async (postId) => db.comment.findMany({ where: { postId } })));
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 5, column: 45, endLine: 5, endColumn: 87,
          suggestions: [
          ],
        },
      ],
    },
    {
      // Loading another row's relation; the item's own relations are prefer-eager-load's.
      name: "prisma fluent relation in a loop",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function postsOf(users: { managerId: number }[]) {
  for (const u of users) {
    await prisma.user.findUnique({ where: { id: u.managerId } }).posts();
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'relationInLoop',
          data: { call: 'prisma.user.findUnique(…).posts()', item: '`u`', loop: '`for…of` loop', orm: 'Prisma', hint: 'include: { posts: true }' },
          line: 6, column: 11, endLine: 6, endColumn: 73,
          suggestions: [
          ],
        },
      ],
    },
    {
      name: "typeorm injected repository in Promise.all(map)",
      code: `
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
export class OrderService {
  constructor(@InjectRepository(Customer) private readonly customers: Repository<Customer>) {}
  load(orders: Order[]) {
    return Promise.all(orders.map((o) => this.customers.findOneBy({ id: o.customerId })));
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 42, endLine: 7, endColumn: 88,
          suggestions: [
          ],
        },
      ],
    },
    {
      name: "typeorm getRepository with In already imported",
      code: `
import { In } from 'typeorm';
import { AppDataSource } from './data-source';
export async function lines(orders: Order[]) {
  for (const order of orders) {
    await AppDataSource.getRepository(OrderLine).find({ where: { orderId: order.id }, relations: { product: true } });
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 6, column: 11, endLine: 6, endColumn: 118,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { In } from 'typeorm';
import { AppDataSource } from './data-source';
export async function lines(orders: Order[]) {
  const orderLineRows = await AppDataSource.getRepository(OrderLine).find({ where: { orderId: In(orders.map((order) => order.id)) }, relations: { product: true } });
  for (const order of orders) {
    orderLineRows.filter((row) => row.orderId === order.id);
  }
}
` },
          ],
        },
      ],
    },
    {
      name: "typeorm query builder terminal in a loop",
      code: `
import { DataSource } from 'typeorm';
export async function f(ds: DataSource, ids: number[]) {
  for (const id of ids) {
    await ds.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id }).getOne();
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 5, column: 11, endLine: 5, endColumn: 94,
          suggestions: [
          ],
        },
      ],
    },
    {
      // Rows from a parameter: with their query in sight this is prefer-eager-load's (`include`).
      name: "sequelize findByPk",
      code: `
import { Post, User } from './models';
export async function authors(posts: Post[]) {
  const out = [];
  for (const post of posts) {
    out.push(await User.findByPk(post.authorId));
  }
  return out;
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 6, column: 20, endLine: 6, endColumn: 48,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { Post, User } from './models';
export async function authors(posts: Post[]) {
  const out = [];
  const userById = new Map((await User.findAll({ where: { id: posts.map((post) => post.authorId) } })).map((row) => [row.id, row] as const));
  for (const post of posts) {
    out.push(userById.get(post.authorId) ?? null);
  }
  return out;
}
` },
          ],
        },
      ],
    },
    {
      name: "drizzle select where eq",
      code: `
import { eq } from 'drizzle-orm';
import { db } from './db';
import { users } from './schema';
export async function f(posts: { authorId: number }[]) {
  for (const post of posts) {
    const [author] = await db.select().from(users).where(eq(users.id, post.authorId));
    console.log(author);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 28, endLine: 7, endColumn: 86,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { inArray } from 'drizzle-orm';
import { db } from './db';
import { users } from './schema';
export async function f(posts: { authorId: number }[]) {
  const userRows = await db.select().from(users).where(inArray(users.id, posts.map((post) => post.authorId)));
  for (const post of posts) {
    const [author] = userRows.filter((row) => row.id === post.authorId);
    console.log(author);
  }
}
` },
          ],
        },
      ],
    },
    {
      name: "drizzle relational findFirst",
      code: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, inArray } from 'drizzle-orm';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });
export async function f(posts: { authorId: number }[]) {
  return Promise.all(posts.map((post) => db.query.users.findFirst({ where: eq(schema.users.id, post.authorId) })));
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 42, endLine: 7, endColumn: 113,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { inArray } from 'drizzle-orm';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });
export async function f(posts: { authorId: number }[]) {
  const userById = new Map((await db.query.users.findMany({ where: inArray(schema.users.id, posts.map((post) => post.authorId)) })).map((row) => [row.id, row] as const));
  return Promise.all(posts.map((post) => userById.get(post.authorId)));
}
` },
          ],
        },
      ],
    },
    {
      name: "mikroorm em.findOne",
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f(articles: Article[]) {
    for (const article of articles) {
      const author = await this.em.findOne(User, { id: article.authorId });
      console.log(author);
    }
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 28, endLine: 7, endColumn: 75,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f(articles: Article[]) {
    const userById = new Map((await this.em.find(User, { id: { $in: articles.map((article) => article.authorId) } })).map((row) => [row.id, row] as const));
    for (const article of articles) {
      const author = userById.get(article.authorId) ?? null;
      console.log(author);
    }
  }
}
` },
          ],
        },
      ],
    },
    {
      name: "knex first per item",
      code: `
const knex = require('knex')({ client: 'pg' });
async function f(posts) {
  const out = [];
  for (const post of posts) {
    out.push(await knex('users').where('id', post.author_id).first());
  }
  return out;
}
`,
      filename: "file.js",
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 6, column: 20, endLine: 6, endColumn: 69,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
const knex = require('knex')({ client: 'pg' });
async function f(posts) {
  const out = [];
  const userById = new Map((await knex('users').whereIn('id', posts.map((post) => post.author_id))).map((row) => [row.id, row]));
  for (const post of posts) {
    out.push(userById.get(post.author_id));
  }
  return out;
}
` },
          ],
        },
      ],
    },
    {
      name: "knex transaction parameter",
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(items: { sku: string }[]) {
  await db.transaction(async (trx) => {
    for (const item of items) {
      await trx('stock').where({ sku: item.sku }).select('qty');
    }
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 13, endLine: 7, endColumn: 64,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(items: { sku: string }[]) {
  await db.transaction(async (trx) => {
    const stockRows = await trx('stock').whereIn('sku', items.map((item) => item.sku)).select('qty');
    for (const item of items) {
      stockRows.filter((row) => row.sku === item.sku);
    }
  });
}
` },
          ],
        },
      ],
    },
    {
      name: "kysely executeTakeFirst",
      code: `
import { Kysely } from 'kysely';
declare const db: Kysely<DB>;
export async function f(posts: { authorId: number }[]) {
  const out = [];
  for (const post of posts) {
    out.push(await db.selectFrom('users').selectAll().where('id', '=', post.authorId).executeTakeFirst());
  }
  return out;
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 20, endLine: 7, endColumn: 105,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { Kysely } from 'kysely';
declare const db: Kysely<DB>;
export async function f(posts: { authorId: number }[]) {
  const out = [];
  const userById = new Map((await db.selectFrom('users').selectAll().where('id', 'in', posts.map((post) => post.authorId)).execute()).map((row) => [row.id, row] as const));
  for (const post of posts) {
    out.push(userById.get(post.authorId));
  }
  return out;
}
` },
          ],
        },
      ],
    },
    {
      name: "objection findById",
      code: `
import { Person } from './models';
export const owners = (pets: Pet[]) => Promise.all(pets.map((pet) => Person.query().findById(pet.ownerId)));
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 3, column: 70, endLine: 3, endColumn: 106,
          suggestions: [
          ],
        },
      ],
    },
    {
      name: "mongoose findById with ObjectId keys",
      code: `
import { User } from './models';
export async function f(posts: { author: string }[]) {
  const out = [];
  for (const post of posts) {
    const author = await User.findById(post.author).lean();
    out.push(author);
  }
  return out;
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 6, column: 26, endLine: 6, endColumn: 59,
          suggestions: [
            { messageId: 'useBatchQuery', output: `
import { User } from './models';
export async function f(posts: { author: string }[]) {
  const out = [];
  const userById = new Map((await User.find({ _id: { $in: posts.map((post) => post.author) } }).lean()).map((row) => [String(row._id), row] as const));
  for (const post of posts) {
    const author = userById.get(String(post.author)) ?? null;
    out.push(author);
  }
  return out;
}
` },
          ],
        },
      ],
    },
    {
      name: "classic for loop over .length",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(ids: number[]) {
  for (let i = 0; i < ids.length; i++) {
    await prisma.user.findUnique({ where: { id: ids[i] } });
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 6, column: 11, endLine: 6, endColumn: 60,
          suggestions: [
          ],
        },
      ],
    },
    {
      name: "forEach callback and for await",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(ids: number[], stream: AsyncIterable<{ id: number }>) {
  ids.forEach(async (id) => {
    await prisma.session.deleteMany({ where: { userId: id } });
    await prisma.session.findMany({ where: { userId: id } });
  });
  for await (const row of stream) {
    await prisma.user.findUnique({ where: { id: row.id } });
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 11, endLine: 7, endColumn: 61,
          suggestions: [
          ],
        },
        {
          messageId: 'queryInLoop',
          line: 10, column: 11, endLine: 10, endColumn: 60,
          suggestions: [
          ],
        },
      ],
    },
    {
      name: "settings.orm names a client",
      code: `
import { store } from '@acme/db';
export async function f(users: { id: number }[]) {
  for (const u of users) {
    await store.post.count({ where: { authorId: u.id } });
  }
}
`,
      settings: {"orm":{"clients":{"store":"prisma"}}},
      output: null,
      errors: [
        {
          messageId: 'countInLoop',
          data: { call: 'store.post.count(…)', item: '`u`', loop: '`for…of` loop', orm: 'Prisma', hint: "groupBy({ by: ['authorId'], where: { authorId: { in: ids } }, _count: true })" },
          line: 5, column: 11, endLine: 5, endColumn: 58,
          suggestions: [
          ],
        },
      ],
    },
    {
      name: "outer loop counts when the inner iterates a small literal",
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(users: { id: number }[]) {
  for (const u of users) {
    for (const role of ['admin', 'editor']) {
      await prisma.membership.findFirst({ where: { userId: u.id, role } });
    }
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 7, column: 13, endLine: 7, endColumn: 75,
          suggestions: [
          ],
        },
      ],
    },
  ],
});

// ESLint's default parser on plain JavaScript: the rule needs no TypeScript.
const espreeTester = new ESLintRuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
describe('no-query-in-loop with espree', () => {
  it('reports a Knex N+1 in a .js file and suggests whereIn', () => {
    espreeTester.run('no-query-in-loop', rule as never, {
      valid: ['for (const k of keys) { map.get(k); await fetch(k); }'],
      invalid: [
        {
          code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(posts) {
  for (const post of posts) await db('users').where({ id: post.authorId }).first();
}`,
          errors: [
            {
              messageId: 'queryInLoop',
              line: 4,
              column: 35,
              suggestions: [
                {
                  messageId: 'useBatchQuery',
                  output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(posts) {
  const userById = new Map((await db('users').whereIn('id', posts.map((post) => post.authorId))).map((row) => [row.id, row]));
  for (const post of posts) userById.get(post.authorId);
}`,
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
