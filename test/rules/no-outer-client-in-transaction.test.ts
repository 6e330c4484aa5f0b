import rule from '../../src/rules/no-outer-client-in-transaction.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-outer-client-in-transaction', rule, {
  valid: [
    // Every statement goes through the transaction handle.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function transfer(from: number, to: number, amount: number) {
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
    await tx.account.update({ where: { id: to }, data: { balance: { increment: amount } } });
  });
  await prisma.auditLog.create({ data: { kind: 'transfer' } });
}
`,
    // The batch form takes the outer client's un-awaited queries: that is how it is written.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function transfer(from: number, to: number) {
  await prisma.$transaction([
    prisma.account.update({ where: { id: from }, data: { balance: { decrement: 1 } } }),
    prisma.account.update({ where: { id: to }, data: { balance: { increment: 1 } } }),
  ]);
}
`,
    // A repository taken from the transaction's manager; options carrying the transaction.
    `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    const users = manager.getRepository(User);
    await users.update(id, { name });
  });
}
`,
    `
import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async (t) => {
    const options = { transaction: t };
    const order = await Order.create({ total }, options);
    await order.save({ transaction: t });
    await Order.update({ latest: false }, { where: { latest: true }, transaction: t });
  });
}
`,
    // Options we cannot read may carry the transaction.
    `
import { Model, Sequelize, type Transaction } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number, options: { transaction?: Transaction }) {
  await sequelize.transaction(async (t) => {
    await Order.create({ total }, options);
  });
}
`,
    // Sequelize with CLS: the transaction reaches every query by itself.
    `
import { Model, Sequelize } from 'sequelize';
import { createNamespace } from 'cls-hooked';
Sequelize.useCLS(createNamespace('app'));
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async () => {
    await Order.create({ total });
  });
}
`,
    {
      code: `
import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async (t) => {
    await Order.create({ total });
  });
}
`,
      options: [{ assumeImplicitTransactions: true }],
    },
    // Runs after the commit, on purpose outside the transaction.
    `
import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async (t) => {
    await Order.create({ total }, { transaction: t });
    t.afterCommit(async () => {
      await Order.update({ notified: true }, { where: { total } });
    });
  });
}
`,
    // MikroORM: the global, context-aware entity manager is routed to the transaction's fork.
    `
import { EntityManager } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export class BookService {
  constructor(private readonly em: EntityManager) {}
  async retitle(id: number) {
    await this.em.transactional(async () => {
      const book = await this.em.findOneOrFail(Book, id);
      book.title = book.title.trim();
    });
  }
}
`,
    // Knex: a raw fragment used as a value is not a query of its own.
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function bump(id: number) {
  await db.transaction(async (trx) => {
    await trx('items').where({ id }).update({ hits: db.raw('hits + 1') });
  });
}
`,
    // Mongoose: a document loaded with the session keeps it for save().
    `
import mongoose from 'mongoose';
const Account = mongoose.model('Account', new mongoose.Schema({ balance: Number }));
export async function close(id: string) {
  const session = await mongoose.startSession();
  await session.withTransaction(async () => {
    const account = await Account.findById(id).session(session);
    account!.set('closed', true);
    await account!.save();
  });
}
`,
    `
import mongoose from 'mongoose';
mongoose.set('transactionAsyncLocalStorage', true);
const Account = mongoose.model('Account', new mongoose.Schema({ balance: Number }));
export async function open() {
  await mongoose.connection.transaction(async () => {
    await Account.create({ balance: 0 });
  });
}
`,
  ],
  invalid: [
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function transfer(from: number, to: number, amount: number) {
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
    await prisma.account.update({ where: { id: to }, data: { balance: { increment: amount } } });
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"prisma.account.update(…)","orm":"Prisma","missing":"the transaction client `tx`"},
          line: 7, column: 11, endLine: 7, endColumn: 97,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"tx.account.update({ where: { id: to }, data: { balance: { increment: amount } } })"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function transfer(from: number, to: number, amount: number) {
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
    await tx.account.update({ where: { id: to }, data: { balance: { increment: amount } } });
  });
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
export async function lock(id: number) {
  return prisma.$transaction(async (tx) => {
    await prisma.$queryRawUnsafe('SELECT 1');
    return tx.job.findUnique({ where: { id } });
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"prisma.$queryRawUnsafe('SELECT 1')","orm":"Prisma","missing":"the transaction client `tx`"},
          line: 6, column: 11, endLine: 6, endColumn: 45,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"tx.$queryRawUnsafe('SELECT 1')"}, output: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function lock(id: number) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe('SELECT 1');
    return tx.job.findUnique({ where: { id } });
  });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UserService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}
  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await this.users.update(id, { name });
    });
  }
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"this.users.update(…)","orm":"TypeORM","missing":"the transaction's entity manager `manager`"},
          line: 14, column: 13, endLine: 14, endColumn: 44,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"manager.withRepository(this.users).update(id, { name })"}, output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
@Injectable()
export class UserService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}
  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.withRepository(this.users).update(id, { name });
    });
  }
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
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await dataSource.getRepository(User).update(id, { name });
    await dataSource.manager.delete(User, { id: 0 });
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"dataSource.getRepository(…).update(…)","orm":"TypeORM","missing":"the transaction's entity manager `manager`"},
          line: 7, column: 11, endLine: 7, endColumn: 62,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"manager.getRepository(User).update(id, { name })"}, output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(User).update(id, { name });
    await dataSource.manager.delete(User, { id: 0 });
  });
}
` },
          ],
        },
        {
          messageId: 'outsideTransaction',
          data: {"call":"dataSource.manager.delete(…)","orm":"TypeORM","missing":"the transaction's entity manager `manager`"},
          line: 8, column: 11, endLine: 8, endColumn: 53,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"manager.delete(User, { id: 0 })"}, output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await dataSource.getRepository(User).update(id, { name });
    await manager.delete(User, { id: 0 });
  });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async (t) => {
    const order = await Order.create({ total }, { transaction: t });
    await Order.update({ latest: false }, { where: { latest: true } });
    await order.save();
    return Order.findByPk(1);
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"Order.update(…)","orm":"Sequelize","missing":"`{ transaction: t }`"},
          line: 8, column: 11, endLine: 8, endColumn: 71,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"Order.update({ latest: false }, { where: { latest: true }, transaction: t })"}, output: `
import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async (t) => {
    const order = await Order.create({ total }, { transaction: t });
    await Order.update({ latest: false }, { where: { latest: true }, transaction: t });
    await order.save();
    return Order.findByPk(1);
  });
}
` },
          ],
        },
        {
          messageId: 'outsideTransaction',
          data: {"call":"order.save()","orm":"Sequelize","missing":"`{ transaction: t }`"},
          line: 9, column: 11, endLine: 9, endColumn: 23,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"order.save({ transaction: t })"}, output: `
import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async (t) => {
    const order = await Order.create({ total }, { transaction: t });
    await Order.update({ latest: false }, { where: { latest: true } });
    await order.save({ transaction: t });
    return Order.findByPk(1);
  });
}
` },
          ],
        },
        {
          messageId: 'outsideTransaction',
          data: {"call":"Order.findByPk(…)","orm":"Sequelize","missing":"`{ transaction: t }`"},
          line: 10, column: 12, endLine: 10, endColumn: 29,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"Order.findByPk(1, { transaction: t })"}, output: `
import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
class Order extends Model {}
export async function place(total: number) {
  await sequelize.transaction(async (t) => {
    const order = await Order.create({ total }, { transaction: t });
    await Order.update({ latest: false }, { where: { latest: true } });
    await order.save();
    return Order.findByPk(1, { transaction: t });
  });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { accounts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function open(name: string) {
  await db.transaction(async (tx) => {
    await db.insert(accounts).values({ name });
    await db.query.accounts.findFirst();
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"db.insert(…).values(…)","orm":"Drizzle","missing":"the transaction `tx`"},
          line: 7, column: 11, endLine: 7, endColumn: 47,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"tx.insert(accounts).values({ name })"}, output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { accounts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function open(name: string) {
  await db.transaction(async (tx) => {
    await tx.insert(accounts).values({ name });
    await db.query.accounts.findFirst();
  });
}
` },
          ],
        },
        {
          messageId: 'outsideTransaction',
          data: {"call":"db.query.accounts.findFirst()","orm":"Drizzle","missing":"the transaction `tx`"},
          line: 8, column: 11, endLine: 8, endColumn: 40,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"tx.query.accounts.findFirst()"}, output: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { accounts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function open(name: string) {
  await db.transaction(async (tx) => {
    await db.insert(accounts).values({ name });
    await tx.query.accounts.findFirst();
  });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function retitle(orm: MikroORM, id: number) {
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    const book = await em.findOneOrFail(Book, id);
    book.title = book.title.trim();
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"em.findOneOrFail(…)","orm":"MikroORM","missing":"the transaction's entity manager `tx`"},
          line: 7, column: 24, endLine: 7, endColumn: 50,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"tx.findOneOrFail(Book, id)"}, output: `
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Book } from './book.entity';
export async function retitle(orm: MikroORM, id: number) {
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    const book = await tx.findOneOrFail(Book, id);
    book.title = book.title.trim();
  });
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
export async function move(id: number) {
  await db.transaction(async (trx) => {
    await trx('items').where({ id }).update({ moved: true });
    await db('log').insert({ id });
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"db('log').insert(…)","orm":"Knex","missing":"the transaction `trx`"},
          line: 7, column: 11, endLine: 7, endColumn: 35,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"trx('log').insert({ id })"}, output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function move(id: number) {
  await db.transaction(async (trx) => {
    await trx('items').where({ id }).update({ moved: true });
    await trx('log').insert({ id });
  });
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
export async function move(id: number) {
  await db.transaction().execute(async (trx) => {
    await db.updateTable('items').set({ moved: true }).where('id', '=', id).execute();
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"db.updateTable('items').set(…).where(…).execute()","orm":"Kysely","missing":"the transaction `trx`"},
          line: 7, column: 11, endLine: 7, endColumn: 86,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"trx.updateTable('items').set({ moved: true }).where('id', '=', id).execute()"}, output: `
import { Kysely } from 'kysely';
import type { DB } from './db';
declare const db: Kysely<DB>;
export async function move(id: number) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('items').set({ moved: true }).where('id', '=', id).execute();
  });
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
export async function rename(id: number, name: string) {
  await Person.transaction(async (trx) => {
    await Person.query().findById(id).patch({ name });
    await Person.relatedQuery('pets').for(id).delete();
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"Person.query().findById(…).patch(…)","orm":"Objection","missing":"the transaction `trx`"},
          line: 6, column: 11, endLine: 6, endColumn: 54,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"Person.query(trx).findById(id).patch({ name })"}, output: `
import { Model } from 'objection';
class Person extends Model {}
export async function rename(id: number, name: string) {
  await Person.transaction(async (trx) => {
    await Person.query(trx).findById(id).patch({ name });
    await Person.relatedQuery('pets').for(id).delete();
  });
}
` },
          ],
        },
        {
          messageId: 'outsideTransaction',
          data: {"call":"Person.relatedQuery('pets').for(…).delete()","orm":"Objection","missing":"the transaction `trx`"},
          line: 7, column: 11, endLine: 7, endColumn: 55,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"Person.relatedQuery('pets', trx).for(id).delete()"}, output: `
import { Model } from 'objection';
class Person extends Model {}
export async function rename(id: number, name: string) {
  await Person.transaction(async (trx) => {
    await Person.query().findById(id).patch({ name });
    await Person.relatedQuery('pets', trx).for(id).delete();
  });
}
` },
          ],
        },
      ],
    },
    {
      code: `
import mongoose from 'mongoose';
const Account = mongoose.model('Account', new mongoose.Schema({ balance: Number }));
export async function transfer(from: string, to: string, amount: number) {
  const session = await mongoose.startSession();
  await session.withTransaction(async () => {
    await Account.updateOne({ _id: from }, { $inc: { balance: -amount } }).session(session);
    await Account.updateOne({ _id: to }, { $inc: { balance: amount } });
    await Account.insertMany([{ balance: 0 }]);
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: {"call":"Account.updateOne(…)","orm":"Mongoose","missing":"the session `session`"},
          line: 8, column: 11, endLine: 8, endColumn: 72,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"Account.updateOne({ _id: to }, { $inc: { balance: amount } }).session(session)"}, output: `
import mongoose from 'mongoose';
const Account = mongoose.model('Account', new mongoose.Schema({ balance: Number }));
export async function transfer(from: string, to: string, amount: number) {
  const session = await mongoose.startSession();
  await session.withTransaction(async () => {
    await Account.updateOne({ _id: from }, { $inc: { balance: -amount } }).session(session);
    await Account.updateOne({ _id: to }, { $inc: { balance: amount } }).session(session);
    await Account.insertMany([{ balance: 0 }]);
  });
}
` },
          ],
        },
        {
          messageId: 'outsideTransaction',
          data: {"call":"Account.insertMany(…)","orm":"Mongoose","missing":"the session `session`"},
          line: 9, column: 11, endLine: 9, endColumn: 47,
          suggestions: [
          { messageId: 'useTransaction', data: {"fixed":"Account.insertMany([{ balance: 0 }], { session })"}, output: `
import mongoose from 'mongoose';
const Account = mongoose.model('Account', new mongoose.Schema({ balance: Number }));
export async function transfer(from: string, to: string, amount: number) {
  const session = await mongoose.startSession();
  await session.withTransaction(async () => {
    await Account.updateOne({ _id: from }, { $inc: { balance: -amount } }).session(session);
    await Account.updateOne({ _id: to }, { $inc: { balance: amount } });
    await Account.insertMany([{ balance: 0 }], { session });
  });
}
` },
          ],
        },
      ],
    },
  ],
});

// Without TypeScript (espree).
jsRuleTester.run('no-outer-client-in-transaction (espree)', rule, {
  valid: [],
  invalid: [
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function move(id) {
  await db.transaction(async (trx) => {
    await db('log').insert({ id });
  });
}
`,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: { call: "db('log').insert(…)", orm: 'Knex', missing: 'the transaction `trx`' },
          line: 6, column: 11, endLine: 6, endColumn: 35,
          suggestions: [
            {
              messageId: 'useTransaction',
              data: { fixed: "trx('log').insert({ id })" },
              output: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function move(id) {
  await db.transaction(async (trx) => {
    await trx('log').insert({ id });
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
