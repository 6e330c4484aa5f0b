import rule from '../../src/rules/no-write-in-loop.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-write-in-loop', rule, {
  valid: [
    // MikroORM: persist() only queues; one flush() after the loop is the batched form.
    `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function importBooks(em: EntityManager, rows: { title: string }[]) {
  for (const row of rows) em.persist(em.create(Book, { title: row.title }));
  await em.flush();
}
`,
    // Each turn already writes a batch (chunked bulk insert).
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importAll(chunks: { name: string }[][]) {
  for (const chunk of chunks) await prisma.user.createMany({ data: chunk });
}
`,
    `
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function importAll(pages: { name: string }[][]) {
  for (const rows of pages) await db.insert(users).values(rows);
}
`,
    // A counted loop stepping by a batch size.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const BATCH_SIZE = 1000;
export async function insertSessions(data: { id: string }[]) {
  for (let i = 0; i < data.length; i += BATCH_SIZE) {
    const batch = data.slice(i, i + BATCH_SIZE);
    await prisma.session.createMany({ data: batch, skipDuplicates: true });
  }
}
`,
    // The bulk form itself, outside any loop.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importUsers(rows: { name: string }[]) {
  await prisma.user.createMany({ data: rows.map((row) => ({ name: row.name })) });
}
`,
    // A short literal list (a fixed number of writes).
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function seedRoles() {
  for (const name of ['admin', 'editor', 'viewer']) await prisma.role.create({ data: { name } });
}
`,
    // A list no longer than a short literal one: deduplicated, then mapped.
    `
import { DataSource } from 'typeorm';
import { unique } from './utils';
import { Price } from './price';
export async function prices(ds: DataSource, a: { id: number }, b: { id: number }, price: number) {
  const channelIds = unique([a, b], 'id').map((c) => c.id);
  for (const channelId of channelIds) {
    await ds.getRepository(Price).save(new Price({ channelId, price }));
  }
}
`,
    // A module constant in SCREAMING_CASE is a short, fixed list.
    `
import { PrismaClient } from '@prisma/client';
import { DEFAULT_GROUPS } from './constants';
const prisma = new PrismaClient();
export async function createTeam(teamId: number) {
  await Promise.all(DEFAULT_GROUPS.map((group) => prisma.group.create({ data: { teamId, name: group.name } })));
}
`,
    // A while loop (one job or one page per turn) is only checked with checkWhileLoops.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function drain(queue: { next(): { id: number } | undefined }) {
  let job = queue.next();
  while (job) {
    await prisma.job.update({ where: { id: job.id }, data: { done: true } });
    job = queue.next();
  }
}
`,
    // Look-alikes: Map#set, Array#push, a cache client, a non-ORM `save`.
    `
export async function collect(rows: { id: number }[], cache: { set(k: string, v: unknown): Promise<void> }) {
  const byId = new Map<number, unknown>();
  const out: unknown[] = [];
  for (const row of rows) {
    byId.set(row.id, row);
    out.push(row);
    await cache.set(String(row.id), row);
  }
  return out;
}
`,
    `
export async function persistAll(files: { name: string }[], storage: { save(f: unknown): Promise<void> }) {
  for (const file of files) await storage.save(file);
}
`,
    // ignoreModels
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function audit(events: { kind: string }[]) {
  for (const event of events) await prisma.auditLog.create({ data: { kind: event.kind } });
}
`,
      options: [{ ignoreModels: ['auditLog'], checkWhileLoops: false }],
    },
    // One updateMany per group of a Map (formbricks: one statement per distinct field type): the IN list is
    // part of the item, so each turn writes a whole group.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function retype(idsByType: Map<string, string[]>) {
  for (const [type, ids] of idsByType) {
    await prisma.mapping.updateMany({ where: { elementId: { in: ids } }, data: { type } });
  }
}
`,
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function retype(groups: { status: string; ids: number[] }[]) {
  for (const { status, ids } of groups) await db('jobs').whereIn('id', ids).update({ status });
}
`,
  ],
  invalid: [
    {
      name: 'a Sequelize update whose where shorthand is the item itself writes one row per turn',
      code: `
import { Model } from 'sequelize';
class Post extends Model {}
export async function archive(ids: number[]) {
  for (const id of ids) {
    await Post.update({ archived: true }, { where: { id } });
  }
}
`,
      errors: [{ messageId: 'writeInLoop', line: 6, column: 11, endLine: 6, endColumn: 61, suggestions: [{ messageId: 'useBulkWrite', output: `
import { Model } from 'sequelize';
class Post extends Model {}
export async function archive(ids: number[]) {
  await Post.update({ archived: true }, { where: { id: ids } });
}
` }] }],
    },
    {
      name: 'an import the loop shares with other code stays when the loop becomes one statement',
      code: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function deactivate(list: { id: number }[]) {
  for (const user of list) {
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
  }
}
export const byId = (id: number) => db.select().from(users).where(eq(users.id, id));
`,
      errors: [
        {
          messageId: 'writeInLoop',
          line: 8, column: 11, endLine: 8, endColumn: 79,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"db.update(users).set({ active: false }).where(…)"}, output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, inArray } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function deactivate(list: { id: number }[]) {
  await db.update(users).set({ active: false }).where(inArray(users.id, list.map((user) => user.id)));
}
export const byId = (id: number) => db.select().from(users).where(eq(users.id, id));
` },
          ],
        },
      ],
    },
    {
      name: 'a Knex update giving each row its own value names the one-statement form for that',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function reorder(items: { id: number; position: number }[]) {
  for (const item of items) {
    await db('items').where({ id: item.id }).update({ position: item.position });
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"db('items').where(…).update(…)","item":"`item`","loop":"`for…of` loop","orm":"Knex","hint":"insert(rows).onConflict('id').merge(['col'])"},
          line: 6, column: 11, endLine: 6, endColumn: 81,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a Prisma upsert per item names the nearest batch form (Prisma has no bulk upsert)',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function syncTags(tags: { slug: string; label: string }[]) {
  for (const tag of tags) {
    await prisma.tag.upsert({ where: { slug: tag.slug }, create: tag, update: { label: tag.label } });
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.tag.upsert(…)","item":"`tag`","loop":"`for…of` loop","orm":"Prisma","hint":"$transaction(items.map((item) => prisma.model.upsert(…)))` sends them in one round trip (Prisma has no bulk upsert), or one `INSERT … ON CONFLICT … DO UPDATE` through `$executeRaw"},
          line: 6, column: 11, endLine: 6, endColumn: 102,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an accumulator that starts as an empty literal is as long as what was pushed',
      code: `
import { DataSource } from 'typeorm';
import { OrderLine } from './order-line';
export async function removeLines(ds: DataSource, lines: OrderLine[], ids: number[]) {
  const toDelete: OrderLine[] = [];
  for (const line of lines) if (ids.includes(line.id)) toDelete.push(line);
  for (const line of toDelete) {
    await ds.getRepository(OrderLine).remove(line);
  }
}
`,
      errors: [{ messageId: 'writeInLoop', line: 8 }],
    },
    {
      name: 'a TypeORM relation write per item',
      code: `
import { DataSource } from 'typeorm';
import { Post } from './post';
export async function tag(ds: DataSource, post: Post, tagIds: number[]) {
  for (const tagId of tagIds) {
    await ds.getRepository(Post).createQueryBuilder().relation('tags').of(post).add(tagId);
  }
}
`,
      errors: [{ messageId: 'writeInLoop', line: 6 }],
    },
    {
      name: 'a TypeORM upsert per item names the array upsert',
      code: `
import { DataSource } from 'typeorm';
import { Tag } from './tag';
export async function syncTags(ds: DataSource, tags: Tag[]) {
  const repo = ds.getRepository(Tag);
  for (const tag of tags) {
    await repo.upsert(tag, ['slug']);
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"repo.upsert(…)","item":"`tag`","loop":"`for…of` loop","orm":"TypeORM","hint":"upsert(rows, ['id'])"},
          line: 7, column: 11, endLine: 7, endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      // The IN list does not come from the item: the same rows are written every turn.
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function retype(types: { name: string }[], ids: string[]) {
  for (const type of types) {
    await prisma.mapping.updateMany({ where: { elementId: { in: ids } }, data: { type: type.name } });
  }
}
`,
      errors: [{ messageId: 'writeInLoop' }],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importUsers(rows: { name: string; email: string }[]) {
  for (const row of rows) {
    await prisma.user.create({ data: { name: row.name, email: row.email } });
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.user.create(…)","item":"`row`","loop":"`for…of` loop","orm":"Prisma","hint":"createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })"},
          line: 6, column: 11, endLine: 6, endColumn: 77,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"prisma.user.createMany(…)"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importUsers(rows: { name: string; email: string }[]) {
  await prisma.user.createMany({ data: rows.map((row) => ({ name: row.name, email: row.email })) });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function deactivate(users: { id: number }[]) {
  for (const user of users) await prisma.user.update({ where: { id: user.id }, data: { active: false } });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.user.update(…)","item":"`user`","loop":"`for…of` loop","orm":"Prisma","hint":"createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })"},
          line: 5, column: 35, endLine: 5, endColumn: 106,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"prisma.user.updateMany(…)"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function deactivate(users: { id: number }[]) {
  await prisma.user.updateMany({ where: { id: { in: users.map((user) => user.id) } }, data: { active: false } });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function purge(posts: { id: number }[]) {
  await Promise.all(posts.map((post) => prisma.post.delete({ where: { id: post.id } })));
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.post.delete(…)","item":"`post`","loop":"`Promise.all(posts.map())`","orm":"Prisma","hint":"createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })"},
          line: 5, column: 41, endLine: 5, endColumn: 87,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`Promise.all(posts.map())`","bulk":"prisma.post.deleteMany(…)"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function purge(posts: { id: number }[]) {
  await prisma.post.deleteMany({ where: { id: { in: posts.map((post) => post.id) } } });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function rename(users: { id: number; name: string }[]) {
  for (const user of users) {
    await prisma.user.update({ where: { id: user.id }, data: { name: user.name.trim() } });
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.user.update(…)","item":"`user`","loop":"`for…of` loop","orm":"Prisma","hint":"$transaction(items.map((item) => prisma.model.update(…)))` sends them in one round trip (Prisma has no bulk update with a value per row), or one `UPDATE … SET col = CASE id WHEN … END` through `$executeRaw"},
          line: 6, column: 11, endLine: 6, endColumn: 91,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function tag(posts: { id: number }[], tagId: number) {
  posts.forEach(async (post) => {
    await prisma.postTag.create({ data: { postId: post.id, tagId } });
  });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.postTag.create(…)","item":"`post`","loop":"`posts.forEach()` callback","orm":"Prisma","hint":"createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })"},
          line: 6, column: 11, endLine: 6, endColumn: 70,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`posts.forEach()` callback","bulk":"prisma.postTag.createMany(…)"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function tag(posts: { id: number }[], tagId: number) {
  await prisma.postTag.createMany({ data: posts.map((post) => ({ postId: post.id, tagId })) });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importTree(nodes: { name: string }[]) {
  let parentId: number | null = null;
  for (const node of nodes) {
    const created = await prisma.node.create({ data: { name: node.name, parentId } });
    parentId = created.id;
  }
}
`,
      errors: [
        {
          messageId: 'dependentWriteInLoop',
          data: {"call":"prisma.node.create(…)","item":"`node`","loop":"`for…of` loop"},
          line: 7, column: 27, endLine: 7, endColumn: 86,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importPosts(drafts: { title: string; tag: string }[]) {
  for (const draft of drafts) {
    const post = await prisma.post.create({ data: { title: draft.title } });
    await prisma.tag.create({ data: { postId: post.id, name: draft.tag } });
  }
}
`,
      errors: [
        {
          messageId: 'dependentWriteInLoop',
          data: {"call":"prisma.post.create(…)","item":"`draft`","loop":"`for…of` loop"},
          line: 6, column: 24, endLine: 6, endColumn: 76,
          suggestions: [

          ],
        },
        {
          messageId: 'dependentWriteInLoop',
          data: {"call":"prisma.tag.create(…)","item":"`draft`","loop":"`for…of` loop"},
          line: 7, column: 11, endLine: 7, endColumn: 76,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importUsers(rows: { name: string }[]) {
  const created = [];
  for (const row of rows) {
    created.push(await prisma.user.create({ data: { name: row.name } }));
  }
  return created;
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.user.create(…)","item":"`row`","loop":"`for…of` loop","orm":"Prisma","hint":"createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })"},
          line: 7, column: 24, endLine: 7, endColumn: 72,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function importAuthors(rows: { name: string; bio: string }[]) {
  for (const row of rows) {
    await prisma.author.create({ data: { name: row.name, profile: { create: { bio: row.bio } } } });
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"prisma.author.create(…)","item":"`row`","loop":"`for…of` loop","orm":"Prisma","hint":"createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })"},
          line: 6, column: 11, endLine: 6, endColumn: 100,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function importUsers(rows: { name: string }[]) {
  for (const row of rows) await users.insert({ name: row.name });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"users.insert(…)","item":"`row`","loop":"`for…of` loop","orm":"TypeORM","hint":"insert(rows), update(ids, values), delete(ids); not save(rows), which still updates row by row"},
          line: 7, column: 33, endLine: 7, endColumn: 65,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"users.insert(…)"}, output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function importUsers(rows: { name: string }[]) {
  await users.insert(rows.map((row) => ({ name: row.name })));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function importUsers(rows: { name: string }[]) {
  for (const row of rows) await users.save({ name: row.name });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"users.save(…)","item":"`row`","loop":"`for…of` loop","orm":"TypeORM","hint":"insert(rows), update(ids, values), delete(ids); not save(rows), which still updates row by row"},
          line: 7, column: 33, endLine: 7, endColumn: 63,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"users.insert(…)"}, output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function importUsers(rows: { name: string }[]) {
  await users.insert(rows.map((row) => ({ name: row.name })));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const userRepository = dataSource.getRepository(User);
export async function touchAll() {
  const all = await userRepository.find({ where: { active: true } });
  for (const user of all) {
    user.seenAt = new Date();
    await userRepository.save(user);
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"userRepository.save(…)","item":"`user`","loop":"`for…of` loop","orm":"TypeORM","hint":"insert(rows), update(ids, values), delete(ids); not save(rows), which still updates row by row"},
          line: 10, column: 11, endLine: 10, endColumn: 36,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function deactivate(ids: { id: number }[]) {
  for (const entry of ids) await users.update(entry.id, { active: false });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"users.update(…)","item":"`entry`","loop":"`for…of` loop","orm":"TypeORM","hint":"insert(rows), update(ids, values), delete(ids); not save(rows), which still updates row by row"},
          line: 7, column: 34, endLine: 7, endColumn: 75,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"users.update(…)"}, output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function deactivate(ids: { id: number }[]) {
  if (ids.length > 0) await users.update(ids.map((entry) => entry.id), { active: false });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import { Order } from './order.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function cancel(orders: { id: number }[], tenantId: number) {
  for (const order of orders) await dataSource.manager.delete(Order, { id: order.id, tenantId });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"dataSource.manager.delete(…)","item":"`order`","loop":"`for…of` loop","orm":"TypeORM","hint":"insert(rows), update(ids, values), delete(ids); not save(rows), which still updates row by row"},
          line: 6, column: 37, endLine: 6, endColumn: 97,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"dataSource.manager.delete(…)"}, output: `
import { DataSource, In } from 'typeorm';
import { Order } from './order.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function cancel(orders: { id: number }[], tenantId: number) {
  await dataSource.manager.delete(Order, { id: In(orders.map((order) => order.id)), tenantId });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'sequelize';
class Order extends Model {}
export async function importOrders(rows: { total: number }[]) {
  for (const row of rows) await Order.create({ total: row.total });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"Order.create(…)","item":"`row`","loop":"`for…of` loop","orm":"Sequelize","hint":"bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })"},
          line: 5, column: 33, endLine: 5, endColumn: 67,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"Order.bulkCreate(…)"}, output: `
import { Model } from 'sequelize';
class Order extends Model {}
export async function importOrders(rows: { total: number }[]) {
  await Order.bulkCreate(rows.map((row) => ({ total: row.total })));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'sequelize';
class Order extends Model {}
export async function archive(rows: { id: number }[]) {
  for (const row of rows) await Order.update({ archived: true }, { where: { id: row.id } });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"Order.update(…)","item":"`row`","loop":"`for…of` loop","orm":"Sequelize","hint":"bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })"},
          line: 5, column: 33, endLine: 5, endColumn: 92,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"Order.update(…)"}, output: `
import { Model } from 'sequelize';
class Order extends Model {}
export async function archive(rows: { id: number }[]) {
  await Order.update({ archived: true }, { where: { id: rows.map((row) => row.id) } });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'sequelize';
class Order extends Model {}
export async function purgeStale() {
  const stale = await Order.findAll({ where: { stale: true } });
  for (const order of stale) await order.destroy();
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"order.destroy()","item":"`order`","loop":"`for…of` loop","orm":"Sequelize","hint":"bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })"},
          line: 6, column: 36, endLine: 6, endColumn: 51,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"Order.destroy(…)"}, output: `
import { Model } from 'sequelize';
class Order extends Model {}
export async function purgeStale() {
  const stale = await Order.findAll({ where: { stale: true } });
  await Order.destroy({ where: { id: stale.map((order) => order.id) } });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'sequelize';
class Order extends Model {}
export async function ageOrders() {
  const orders = await Order.findAll();
  for (const order of orders) {
    order.set('ageInDays', order.get('ageInDays') + 1);
    await order.save();
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"order.save()","item":"`order`","loop":"`for…of` loop","orm":"Sequelize","hint":"bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })"},
          line: 8, column: 11, endLine: 8, endColumn: 23,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function importUsers(rows: { name: string }[]) {
  for (const row of rows) await db.insert(users).values({ name: row.name });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"db.insert(…).values(…)","item":"`row`","loop":"`for…of` loop","orm":"Drizzle","hint":"insert(table).values(rows), update(table).set(values).where(inArray(table.id, ids))"},
          line: 6, column: 33, endLine: 6, endColumn: 76,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"db.insert(users).values(…)"}, output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function importUsers(rows: { name: string }[]) {
  if (rows.length > 0) await db.insert(users).values(rows.map((row) => ({ name: row.name })));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function deactivate(list: { id: number }[]) {
  for (const user of list) {
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"db.update(…).set(…).where(…)","item":"`user`","loop":"`for…of` loop","orm":"Drizzle","hint":"insert(table).values(rows), update(table).set(values).where(inArray(table.id, ids))"},
          line: 8, column: 11, endLine: 8, endColumn: 79,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"db.update(users).set({ active: false }).where(…)"}, output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { inArray } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function deactivate(list: { id: number }[]) {
  await db.update(users).set({ active: false }).where(inArray(users.id, list.map((user) => user.id)));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function retitle(em: EntityManager, books: Book[]) {
  for (const book of books) {
    book.title = book.title.trim();
    await em.flush();
  }
}
`,
      errors: [
        {
          messageId: 'flushInLoop',
          data: {"call":"em.flush()","item":"`book`","loop":"`for…of` loop","orm":"MikroORM","hint":"em.persist(entity) in the loop and one em.flush() after it; insertMany, nativeUpdate({ id: { $in: ids } }, values)"},
          line: 7, column: 11, endLine: 7, endColumn: 21,
          suggestions: [
          { messageId: 'deferAfterLoop', data: {"bulk":"em.flush()","loop":"`for…of` loop"}, output: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function retitle(em: EntityManager, books: Book[]) {
  for (const book of books) {
    book.title = book.title.trim();
  }
  await em.flush();
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function importBooks(em: EntityManager, rows: { title: string }[]) {
  for (const row of rows) {
    const book = em.create(Book, { title: row.title });
    await em.persistAndFlush(book);
  }
}
`,
      errors: [
        {
          messageId: 'flushInLoop',
          data: {"call":"em.persistAndFlush(…)","item":"`row`","loop":"`for…of` loop","orm":"MikroORM","hint":"em.persist(entity) in the loop and one em.flush() after it; insertMany, nativeUpdate({ id: { $in: ids } }, values)"},
          line: 7, column: 11, endLine: 7, endColumn: 35,
          suggestions: [
          { messageId: 'deferAfterLoop', data: {"bulk":"em.flush()","loop":"`for…of` loop"}, output: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function importBooks(em: EntityManager, rows: { title: string }[]) {
  for (const row of rows) {
    const book = em.create(Book, { title: row.title });
    em.persist(book);
  }
  await em.flush();
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function archive(em: EntityManager, rows: { id: number }[]) {
  for (const row of rows) await em.nativeUpdate(Book, { id: row.id }, { archived: true });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"em.nativeUpdate(…)","item":"`row`","loop":"`for…of` loop","orm":"MikroORM","hint":"em.persist(entity) in the loop and one em.flush() after it; insertMany, nativeUpdate({ id: { $in: ids } }, values)"},
          line: 5, column: 33, endLine: 5, endColumn: 90,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"em.nativeUpdate(…)"}, output: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function archive(em: EntityManager, rows: { id: number }[]) {
  await em.nativeUpdate(Book, { id: { $in: rows.map((row) => row.id) } }, { archived: true });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function importUsers(rows: { name: string }[]) {
  for (const row of rows) await db('users').insert({ name: row.name });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"db('users').insert(…)","item":"`row`","loop":"`for…of` loop","orm":"Knex","hint":"insert(rows), whereIn('id', ids).update(values)"},
          line: 5, column: 33, endLine: 5, endColumn: 71,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"db('users').insert(…)"}, output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function importUsers(rows: { name: string }[]) {
  if (rows.length > 0) await db('users').insert(rows.map((row) => ({ name: row.name })));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function deactivate(rows: { id: number }[]) {
  for (const row of rows) await db('users').where('id', row.id).update({ active: false });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"db('users').where(…).update(…)","item":"`row`","loop":"`for…of` loop","orm":"Knex","hint":"insert(rows), whereIn('id', ids).update(values)"},
          line: 5, column: 33, endLine: 5, endColumn: 90,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"db('users').whereIn(…).update({ active: false })"}, output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function deactivate(rows: { id: number }[]) {
  await db('users').whereIn('id', rows.map((row) => row.id)).update({ active: false });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Kysely } from 'kysely';
import type { DB } from './db';
declare const db: Kysely<DB>;
export async function importUsers(rows: { name: string }[]) {
  for (const row of rows) await db.insertInto('users').values({ name: row.name }).execute();
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"db.insertInto('users').values(…).execute()","item":"`row`","loop":"`for…of` loop","orm":"Kysely","hint":"insertInto(t).values(rows), updateTable(t).set(values).where('id', 'in', ids)"},
          line: 6, column: 33, endLine: 6, endColumn: 92,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"db.insertInto('users').values(…).execute()"}, output: `
import { Kysely } from 'kysely';
import type { DB } from './db';
declare const db: Kysely<DB>;
export async function importUsers(rows: { name: string }[]) {
  if (rows.length > 0) await db.insertInto('users').values(rows.map((row) => ({ name: row.name }))).execute();
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Kysely } from 'kysely';
import type { DB } from './db';
declare const db: Kysely<DB>;
export async function purge(rows: { id: number }[]) {
  for (const row of rows) await db.deleteFrom('users').where('id', '=', row.id).execute();
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"db.deleteFrom('users').where(…).execute()","item":"`row`","loop":"`for…of` loop","orm":"Kysely","hint":"insertInto(t).values(rows), updateTable(t).set(values).where('id', 'in', ids)"},
          line: 6, column: 33, endLine: 6, endColumn: 90,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"db.deleteFrom('users').where(…).execute()"}, output: `
import { Kysely } from 'kysely';
import type { DB } from './db';
declare const db: Kysely<DB>;
export async function purge(rows: { id: number }[]) {
  if (rows.length > 0) await db.deleteFrom('users').where('id', 'in', rows.map((row) => row.id)).execute();
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'objection';
class Person extends Model {}
export async function deactivate(people: { id: number }[]) {
  for (const person of people) await Person.query().findById(person.id).patch({ active: false });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"Person.query().findById(…).patch(…)","item":"`person`","loop":"`for…of` loop","orm":"Objection","hint":"findByIds(ids).patch(values), whereIn('id', ids).delete(), insertGraph(rows)"},
          line: 5, column: 38, endLine: 5, endColumn: 97,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"Person.query().findByIds(…).patch({ active: false })"}, output: `
import { Model } from 'objection';
class Person extends Model {}
export async function deactivate(people: { id: number }[]) {
  await Person.query().findByIds(people.map((person) => person.id)).patch({ active: false });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'objection';
class Person extends Model {}
export async function importPeople(rows: { name: string }[]) {
  for (const row of rows) await Person.query().insert({ name: row.name });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"Person.query().insert(…)","item":"`row`","loop":"`for…of` loop","orm":"Objection","hint":"findByIds(ids).patch(values), whereIn('id', ids).delete(), insertGraph(rows)"},
          line: 5, column: 33, endLine: 5, endColumn: 74,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function importUsers(rows: { name: string }[]) {
  for (const row of rows) await User.create({ name: row.name });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"User.create(…)","item":"`row`","loop":"`for…of` loop","orm":"Mongoose","hint":"insertMany(docs), updateMany({ _id: { $in: ids } }, update), bulkWrite(ops), bulkSave(docs)"},
          line: 5, column: 33, endLine: 5, endColumn: 64,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"User.insertMany(…)"}, output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function importUsers(rows: { name: string }[]) {
  await User.insertMany(rows.map((row) => ({ name: row.name })));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function deactivate(rows: { id: string }[]) {
  for (const row of rows) await User.updateOne({ _id: row.id }, { $set: { active: false } });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"User.updateOne(…)","item":"`row`","loop":"`for…of` loop","orm":"Mongoose","hint":"insertMany(docs), updateMany({ _id: { $in: ids } }, update), bulkWrite(ops), bulkSave(docs)"},
          line: 5, column: 33, endLine: 5, endColumn: 93,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"User.updateMany(…)"}, output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function deactivate(rows: { id: string }[]) {
  await User.updateMany({ _id: { $in: rows.map((row) => row.id) } }, { $set: { active: false } });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function rename(rows: { id: string; name: string }[]) {
  for (const row of rows) await User.updateOne({ _id: row.id }, { $set: { name: row.name } });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"User.updateOne(…)","item":"`row`","loop":"`for…of` loop","orm":"Mongoose","hint":"insertMany(docs), updateMany({ _id: { $in: ids } }, update), bulkWrite(ops), bulkSave(docs)"},
          line: 5, column: 33, endLine: 5, endColumn: 94,
          suggestions: [
          { messageId: 'useBulkWrite', data: {"loop":"`for…of` loop","bulk":"User.bulkWrite(…)"}, output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function rename(rows: { id: string; name: string }[]) {
  await User.bulkWrite(rows.map((row) => ({ updateOne: { filter: { _id: row.id }, update: { $set: { name: row.name } } } })));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function normalise() {
  const users = await User.find({ legacy: true });
  for (const user of users) {
    user.name = user.name.trim();
    await user.save();
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: {"call":"user.save()","item":"`user`","loop":"`for…of` loop","orm":"Mongoose","hint":"insertMany(docs), updateMany({ _id: { $in: ids } }, update), bulkWrite(ops), bulkSave(docs)"},
          line: 8, column: 11, endLine: 8, endColumn: 22,
          suggestions: [
          { messageId: 'deferAfterLoop', data: {"bulk":"User.bulkSave(users)","loop":"`for…of` loop"}, output: `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
export async function normalise() {
  const users = await User.find({ legacy: true });
  for (const user of users) {
    user.name = user.name.trim();
  }
  await User.bulkSave(users);
}
` },
          ],
        },
      ],
    },
    // `.catch()` on the write: one report, on the write.
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function enqueue(jobs: { id: string }[]) {
  for (const job of jobs) {
    await prisma.backgroundJob.create({ data: { id: job.id } }).catch(() => null);
  }
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: { call: 'prisma.backgroundJob.create(…)', item: '`job`', loop: '`for…of` loop', orm: 'Prisma', hint: 'createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })' },
          line: 6, column: 11, endLine: 6, endColumn: 64,
          suggestions: [],
        },
      ],
    },
    // checkWhileLoops
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function drain(queue: { next(): { id: number } | undefined }) {
  let job = queue.next();
  while (job) {
    await prisma.job.update({ where: { id: job.id }, data: { done: true } });
    job = queue.next();
  }
}
`,
      options: [{ ignoreModels: [], checkWhileLoops: true }],
      errors: [
        {
          messageId: 'writeInLoop',
          data: { call: 'prisma.job.update(…)', item: 'item', loop: '`while` loop', orm: 'Prisma', hint: 'createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })' },
          line: 7, column: 11, endLine: 7, endColumn: 77,
          suggestions: [],
        },
      ],
    },
  ],
});

// Without TypeScript (espree, CommonJS).
jsRuleTester.run('no-write-in-loop (espree)', rule, {
  valid: [`const rows = []; for (const row of rows) rows.push(row);`],
  invalid: [
    {
      code: `
const { Model } = require('sequelize');
class Order extends Model {}
async function importOrders(rows) {
  for (const row of rows) await Order.create({ total: row.total });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: { call: 'Order.create(…)', item: '`row`', loop: '`for…of` loop', orm: 'Sequelize', hint: 'bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })' },
          line: 5, column: 33, endLine: 5, endColumn: 67,
          suggestions: [
            {
              messageId: 'useBulkWrite',
              data: { loop: '`for…of` loop', bulk: 'Order.bulkCreate(…)' },
              output: `
const { Model } = require('sequelize');
class Order extends Model {}
async function importOrders(rows) {
  await Order.bulkCreate(rows.map((row) => ({ total: row.total })));
}
`,
            },
          ],
        },
      ],
    },
  ],
});
