import rule from '../../src/rules/prefer-atomic-update.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('prefer-atomic-update', rule, {
  valid: [
    // Already atomic.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function like(id: number) {
  await prisma.post.update({ where: { id }, data: { likes: { increment: 1 } } });
}
`,
    // String concatenation, not arithmetic; another field; a value not read from the database.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function copy(id: number, tax: number, counter: { n: number }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id } });
  await prisma.user.update({ where: { id }, data: { name: user.name + ' (copy)' } });
  await prisma.user.update({ where: { id }, data: { total: user.subtotal + tax } });
  await prisma.user.update({ where: { id }, data: { visits: counter.n + 1 } });
}
`,
    // Optimistic locking: the write only matches the version it read.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function rename(id: number, name: string) {
  const doc = await prisma.document.findUniqueOrThrow({ where: { id } });
  await prisma.document.updateMany({ where: { id, version: doc.version }, data: { name, version: doc.version + 1 } });
}
`,
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function rename(id: number, name: string) {
  const doc = await db('documents').where({ id }).first();
  await db('documents').where({ id }).where('version', doc.version).update({ name, version: doc.version + 1 });
}
`,
    // Changed in memory only, never written back.
    `
import { DataSource } from 'typeorm';
import { Article } from './article.entity';
const dataSource = new DataSource({ type: 'postgres' });
const articles = dataSource.getRepository(Article);
export async function preview(slug: string) {
  const article = await articles.findOneByOrFail({ slug });
  article.favoriteCount++;
  return article;
}
`,
    // The arithmetic is in the filter, not in the written values.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function next(id: number) {
  const page = await prisma.page.findUniqueOrThrow({ where: { id } });
  await prisma.page.updateMany({ where: { position: page.position + 1 }, data: { highlighted: true } });
}
`,
    // Mongoose: the document-level $inc is the atomic form.
    `
import mongoose from 'mongoose';
const Page = mongoose.model('Page', new mongoose.Schema({ views: Number }));
export async function view(id: string) {
  const page = await Page.findById(id).orFail();
  page.$inc('views', 1);
  await page.save();
}
`,
  ],
  invalid: [
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function like(id: number) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id } });
  await prisma.post.update({ where: { id }, data: { likes: post.likes + 1 } });
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"post","field":"likes","read":"prisma.post.findUniqueOrThrow(…)","orm":"Prisma","hint":"data: { n: { increment: 1 } }"},
          line: 6, column: 60, endLine: 6, endColumn: 74,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"likes","update":"prisma.post.update({ where: { id }, data: { likes: { increment: 1 } } })"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function like(id: number) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id } });
  await prisma.post.update({ where: { id }, data: { likes: { increment: 1 } } });
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
export async function spend(id: number, max: number) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id } });
  if (user.credits < max) {
    await prisma.user.update({ where: { id }, data: { credits: user.credits + 1 } });
  }
}
`,
      errors: [
        {
          messageId: 'conditionalReadModifyWrite',
          data: {"row":"user","field":"credits","read":"prisma.user.findUniqueOrThrow(…)","orm":"Prisma","hint":"data: { n: { increment: 1 } }"},
          line: 7, column: 64, endLine: 7, endColumn: 80,
          suggestions: [
          { messageId: 'useConditionalUpdate', data: {"field":"credits","update":"prisma.user.updateMany(…)"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function spend(id: number, max: number) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id } });
  if (user.credits < max) {
    await prisma.user.updateMany({ where: { id, credits: { lt: max } }, data: { credits: { increment: 1 } } });
  }
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
export async function ageOrders() {
  const orders = await prisma.order.findMany({ where: { open: true } });
  for (const order of orders) {
    await prisma.order.update({ where: { id: order.id }, data: { ageInDays: order.ageInDays + 1 } });
  }
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"order","field":"ageInDays","read":"prisma.order.findMany(…)","orm":"Prisma","hint":"data: { n: { increment: 1 } }"},
          line: 7, column: 77, endLine: 7, endColumn: 96,
          suggestions: [
          { messageId: 'useBulkAtomicUpdate', data: {"loop":"`for…of` loop","update":"prisma.order.updateMany({ where: { open: true }, data: { ageInDays: { increment: 1 } } })"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function ageOrders() {
  const orders = await prisma.order.findMany({ where: { open: true } });
  await prisma.order.updateMany({ where: { open: true }, data: { ageInDays: { increment: 1 } } });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import { Article } from './article.entity';
const dataSource = new DataSource({ type: 'postgres' });
const articles = dataSource.getRepository(Article);
export async function favorite(slug: string) {
  const article = await articles.findOneByOrFail({ slug });
  article.favoriteCount++;
  await articles.save(article);
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"article","field":"favoriteCount","read":"articles.findOneByOrFail(…)","orm":"TypeORM","hint":"increment({ id }, 'n', 1)"},
          line: 8, column: 3, endLine: 8, endColumn: 26,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"favoriteCount","update":"articles.increment({ id: article.id }, 'favoriteCount', 1)"}, output: `
import { DataSource } from 'typeorm';
import { Article } from './article.entity';
const dataSource = new DataSource({ type: 'postgres' });
const articles = dataSource.getRepository(Article);
export async function favorite(slug: string) {
  const article = await articles.findOneByOrFail({ slug });
  await articles.increment({ id: article.id }, 'favoriteCount', 1);
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import { Article } from './article.entity';
const dataSource = new DataSource({ type: 'postgres' });
const articles = dataSource.getRepository(Article);
export async function view(id: number) {
  const article = await articles.findOneByOrFail({ id });
  await articles.update({ id }, { views: article.views + 1 });
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"article","field":"views","read":"articles.findOneByOrFail(…)","orm":"TypeORM","hint":"increment({ id }, 'n', 1)"},
          line: 8, column: 42, endLine: 8, endColumn: 59,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"views","update":"articles.increment({ id }, 'views', 1)"}, output: `
import { DataSource } from 'typeorm';
import { Article } from './article.entity';
const dataSource = new DataSource({ type: 'postgres' });
const articles = dataSource.getRepository(Article);
export async function view(id: number) {
  const article = await articles.findOneByOrFail({ id });
  await articles.increment({ id }, 'views', 1);
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'sequelize';
class Order extends Model {
  declare ageInDays: number;
}
export async function ageOrders() {
  for (const order of await Order.findAll({ where: { open: true } })) {
    order.ageInDays += 1;
    await order.save();
  }
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"order","field":"ageInDays","read":"Order.findAll(…)","orm":"Sequelize","hint":"row.increment('n', { by: 1 }), Model.increment({ n: 1 }, { where })"},
          line: 8, column: 5, endLine: 8, endColumn: 25,
          suggestions: [
          { messageId: 'useBulkAtomicUpdate', data: {"loop":"`for…of` loop","update":"Order.increment({ ageInDays: 1 }, { where: { open: true } })"}, output: `
import { Model } from 'sequelize';
class Order extends Model {
  declare ageInDays: number;
}
export async function ageOrders() {
  await Order.increment({ ageInDays: 1 }, { where: { open: true } });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'sequelize';
class Account extends Model {
  declare balance: number;
}
export async function deposit(id: number, amount: number) {
  const account = await Account.findByPk(id);
  if (!account) return;
  account.balance += amount;
  await account.save();
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"account","field":"balance","read":"Account.findByPk(…)","orm":"Sequelize","hint":"row.increment('n', { by: 1 }), Model.increment({ n: 1 }, { where })"},
          line: 9, column: 3, endLine: 9, endColumn: 28,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"balance","update":"account.increment('balance', { by: amount })"}, output: `
import { Model } from 'sequelize';
class Account extends Model {
  declare balance: number;
}
export async function deposit(id: number, amount: number) {
  const account = await Account.findByPk(id);
  if (!account) return;
  await account.increment('balance', { by: amount });
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
import { posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function like(id: number) {
  const [post] = await db.select().from(posts).where(eq(posts.id, id));
  const row = await db.query.posts.findFirst({ where: eq(posts.id, id) });
  await db.update(posts).set({ likes: row!.likes + 1 }).where(eq(posts.id, id));
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"row","field":"likes","read":"db.query.posts.findFirst(…)","orm":"Drizzle","hint":"set({ n: sql`${table.n} + 1` })"},
          line: 9, column: 39, endLine: 9, endColumn: 53,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"likes","update":"db.update(posts).set({ likes: sql`${posts.likes} + 1` }).where(eq(posts.id, id))"}, output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, sql } from 'drizzle-orm';
import { posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function like(id: number) {
  const [post] = await db.select().from(posts).where(eq(posts.id, id));
  const row = await db.query.posts.findFirst({ where: eq(posts.id, id) });
  await db.update(posts).set({ likes: sql\`\${posts.likes} + 1\` }).where(eq(posts.id, id));
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Article } from './article.entity';
export async function favorite(em: EntityManager, slug: string) {
  const article = await em.findOneOrFail(Article, { slug });
  article.favoritesCount++;
  await em.flush();
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"article","field":"favoritesCount","read":"em.findOneOrFail(…)","orm":"MikroORM","hint":"nativeUpdate(Entity, { id }, { n: raw('n + 1') })"},
          line: 6, column: 3, endLine: 6, endColumn: 27,
          suggestions: [

          ],
        },
      ],
    },
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function view(id: number) {
  const page = await db('pages').where({ id }).first();
  await db('pages').where({ id }).update({ views: page.views + 1 });
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"page","field":"views","read":"db('pages').where(…).first()","orm":"Knex","hint":"increment('n', 1)"},
          line: 6, column: 51, endLine: 6, endColumn: 65,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"views","update":"db('pages').where({ id }).increment('views', 1)"}, output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function view(id: number) {
  const page = await db('pages').where({ id }).first();
  await db('pages').where({ id }).increment('views', 1);
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
export async function view(id: number) {
  const page = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await db.updateTable('pages').set({ views: page.views + 1 }).where('id', '=', id).execute();
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"page","field":"views","read":"db.selectFrom('pages').selectAll().where(…).executeTakeFirstOrThrow()","orm":"Kysely","hint":"set((eb) => ({ n: eb('n', '+', 1) }))"},
          line: 7, column: 46, endLine: 7, endColumn: 60,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"views","update":"db.updateTable('pages').set(…).where('id', '=', id).execute()"}, output: `
import { Kysely } from 'kysely';
import type { DB } from './db';
declare const db: Kysely<DB>;
export async function view(id: number) {
  const page = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await db.updateTable('pages').set((eb) => ({ views: eb('views', '+', 1) })).where('id', '=', id).execute();
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model } from 'objection';
class Page extends Model {
  views!: number;
}
export async function view(id: number) {
  const page = await Page.query().findById(id);
  await Page.query().findById(id).patch({ views: page!.views + 1 });
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"page","field":"views","read":"Page.query().findById(…)","orm":"Objection","hint":"patch({ n: raw('n + 1') }), increment('n', 1)"},
          line: 8, column: 50, endLine: 8, endColumn: 65,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"views","update":"Page.query().findById(id).increment('views', 1)"}, output: `
import { Model } from 'objection';
class Page extends Model {
  views!: number;
}
export async function view(id: number) {
  const page = await Page.query().findById(id);
  await Page.query().findById(id).increment('views', 1);
}
` },
          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const Page = mongoose.model('Page', new mongoose.Schema({ views: Number }));
export async function view(id: string) {
  const page = await Page.findById(id).orFail();
  page.views += 1;
  await page.save();
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"page","field":"views","read":"Page.findById(…).orFail()","orm":"Mongoose","hint":"updateOne(filter, { $inc: { n: 1 } }), doc.$inc('n', 1)"},
          line: 6, column: 3, endLine: 6, endColumn: 18,
          suggestions: [
          { messageId: 'useAtomicUpdate', data: {"field":"views","update":"page.$inc('views', 1)"}, output: `
import mongoose from 'mongoose';
const Page = mongoose.model('Page', new mongoose.Schema({ views: Number }));
export async function view(id: string) {
  const page = await Page.findById(id).orFail();
  page.$inc('views', 1);
  await page.save();
}
` },
          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const Seat = mongoose.model('Seat', new mongoose.Schema({ taken: Number }));
export async function take(id: string, capacity: number) {
  const seat = await Seat.findById(id).orFail();
  if (seat.taken < capacity) {
    await Seat.updateOne({ _id: id }, { $set: { taken: seat.taken + 1 } });
  }
}
`,
      errors: [
        {
          messageId: 'conditionalReadModifyWrite',
          data: {"row":"seat","field":"taken","read":"Seat.findById(…).orFail()","orm":"Mongoose","hint":"updateOne(filter, { $inc: { n: 1 } }), doc.$inc('n', 1)"},
          line: 7, column: 56, endLine: 7, endColumn: 70,
          suggestions: [
          { messageId: 'useConditionalUpdate', data: {"field":"taken","update":"Seat.updateOne({ _id: id, taken: { $lt: capacity } }, { $inc: { taken: 1 } })"}, output: `
import mongoose from 'mongoose';
const Seat = mongoose.model('Seat', new mongoose.Schema({ taken: Number }));
export async function take(id: string, capacity: number) {
  const seat = await Seat.findById(id).orFail();
  if (seat.taken < capacity) {
    await Seat.updateOne({ _id: id, taken: { $lt: capacity } }, { $inc: { taken: 1 } });
  }
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { EntityManager } from '@mikro-orm/postgresql';
import { Article } from './article.entity';
export async function ageAll(em: EntityManager) {
  const stale = await em.find(Article, { archived: false });
  for (const article of stale) article.age += 1;
  await em.flush();
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"article","field":"age","read":"em.find(…)","orm":"MikroORM","hint":"nativeUpdate(Entity, { id }, { n: raw('n + 1') })"},
          line: 6, column: 32, endLine: 6, endColumn: 48,
          suggestions: [
          { messageId: 'useBulkAtomicUpdate', data: {"loop":"`for…of` loop","update":"em.nativeUpdate(Article, { archived: false }, { age: raw('age + ?', [1]) })"}, output: `
import { EntityManager, raw } from '@mikro-orm/postgresql';
import { Article } from './article.entity';
export async function ageAll(em: EntityManager) {
  const stale = await em.find(Article, { archived: false });
  await em.nativeUpdate(Article, { archived: false }, { age: raw('age + ?', [1]) });
  await em.flush();
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
export async function reserve(id: number, capacity: number) {
  const room = await db('rooms').where({ id }).first();
  if (room.booked < capacity) {
    await db('rooms').where({ id }).update({ booked: room.booked + 1 });
  }
}
`,
      errors: [
        {
          messageId: 'conditionalReadModifyWrite',
          data: {"row":"room","field":"booked","read":"db('rooms').where(…).first()","orm":"Knex","hint":"increment('n', 1)"},
          line: 7, column: 54, endLine: 7, endColumn: 69,
          suggestions: [
          { messageId: 'useConditionalUpdate', data: {"field":"booked","update":"db('rooms').where({ id }).where('booked', '<', capacity).increment('booked', 1)"}, output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function reserve(id: number, capacity: number) {
  const room = await db('rooms').where({ id }).first();
  if (room.booked < capacity) {
    await db('rooms').where({ id }).where('booked', '<', capacity).increment('booked', 1);
  }
}
` },
          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const Post = mongoose.model('Post', new mongoose.Schema({ score: Number }));
export async function decay() {
  const posts = await Post.find({ archived: false });
  for (const post of posts) {
    post.score *= 0.9;
    await post.save();
  }
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: {"row":"post","field":"score","read":"Post.find(…)","orm":"Mongoose","hint":"updateOne(filter, { $inc: { n: 1 } }), doc.$inc('n', 1)"},
          line: 7, column: 5, endLine: 7, endColumn: 22,
          suggestions: [
          { messageId: 'useBulkAtomicUpdate', data: {"loop":"`for…of` loop","update":"Post.updateMany({ archived: false }, { $mul: { score: 0.9 } })"}, output: `
import mongoose from 'mongoose';
const Post = mongoose.model('Post', new mongoose.Schema({ score: Number }));
export async function decay() {
  const posts = await Post.find({ archived: false });
  await Post.updateMany({ archived: false }, { $mul: { score: 0.9 } });
}
` },
          ],
        },
      ],
    },
  ],
});

// Without TypeScript (espree).
jsRuleTester.run('prefer-atomic-update (espree)', rule, {
  valid: [],
  invalid: [
    {
      code: `
const { Model } = require('sequelize');
class Account extends Model {}
async function deposit(id, amount) {
  const account = await Account.findByPk(id);
  account.balance -= amount;
  await account.save();
}
`,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: { row: 'account', field: 'balance', read: 'Account.findByPk(…)', orm: 'Sequelize', hint: "row.increment('n', { by: 1 }), Model.increment({ n: 1 }, { where })" },
          line: 6, column: 3, endLine: 6, endColumn: 28,
          suggestions: [
            {
              messageId: 'useAtomicUpdate',
              data: { field: 'balance', update: "account.decrement('balance', { by: amount })" },
              output: `
const { Model } = require('sequelize');
class Account extends Model {}
async function deposit(id, amount) {
  const account = await Account.findByPk(id);
  await account.decrement('balance', { by: amount });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
