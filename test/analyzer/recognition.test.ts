import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';

const pick = (code: string, settings?: Record<string, unknown>) =>
  analyze(code, { settings }).map(({ call, orm, operation, evidence, model }) => ({ call, orm, operation, evidence, model }));

describe('recognition per ORM', () => {
  it('Prisma: client from an import, delegate operations, raw, fluent relations', () => {
    expect(
      pick(`
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
prisma.user.findMany({ where: { active: true } });
prisma.post.count();
prisma.post.updateMany({ where: {}, data: {} });
prisma.$queryRaw\`SELECT 1\`;
prisma.user.findUnique({ where: { id: 1 } }).posts();
`),
    ).toEqual([
      { call: 'prisma.user.findMany({ where: { active: true } })', orm: 'prisma', operation: 'read-many', evidence: 'import', model: 'user' },
      { call: 'prisma.post.count()', orm: 'prisma', operation: 'count', evidence: 'import', model: 'post' },
      { call: 'prisma.post.updateMany({ where: {}, data: {} })', orm: 'prisma', operation: 'write-many', evidence: 'import', model: 'post' },
      { call: 'prisma.user.findUnique({ where: { id: 1 } }).posts()', orm: 'prisma', operation: 'relation-load', evidence: 'import', model: 'user' },
    ]);
  });

  it('TypeORM: injected repositories, getRepository, managers, query builders', () => {
    const seen = pick(`
import { DataSource, EntityManager, Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
class S {
  constructor(@InjectRepository(User) private readonly users: Repository<User>, private readonly ds: DataSource) {}
  a() { return this.users.findOneBy({ id: 1 }); }
  b() { return this.ds.getRepository(Post).find({ where: { id: 1 } }); }
  c(manager: EntityManager) { return manager.count(User, { where: {} }); }
  d() { return this.users.createQueryBuilder('u').where('u.id = 1').getMany(); }
  e() { return this.users.createQueryBuilder('u').where('u.id = 1'); }
}
`);
    expect(seen).toEqual([
      { call: 'this.users.findOneBy({ id: 1 })', orm: 'typeorm', operation: 'read-one', evidence: 'import', model: 'User' },
      { call: 'this.ds.getRepository(Post).find({ where: { id: 1 } })', orm: 'typeorm', operation: 'read-many', evidence: 'import', model: 'Post' },
      { call: 'manager.count(User, { where: {} })', orm: 'typeorm', operation: 'count', evidence: 'import', model: 'User' },
      { call: "this.users.createQueryBuilder('u').where('u.id = 1').getMany()", orm: 'typeorm', operation: 'read-many', evidence: 'import', model: 'User' },
      { call: "this.users.createQueryBuilder('u').where('u.id = 1')", orm: 'typeorm', operation: 'read-many', evidence: 'import', model: 'User' },
    ]);
    expect(analyze(`import { Repository } from 'typeorm'; declare const r: Repository<U>; r.createQueryBuilder('u').getOne(); r.createQueryBuilder('u');`).map((s) => s.execution)).toEqual(['terminal', 'inert']);
  });

  it('Sequelize: model classes defined here or imported from the app', () => {
    expect(
      pick(`
import { Model } from 'sequelize';
import { Post } from './models';
class User extends Model {}
User.findAll({ where: { active: true } });
Post.findByPk(1);
User.bulkCreate([{}]);
`),
    ).toEqual([
      { call: 'User.findAll({ where: { active: true } })', orm: 'sequelize', operation: 'read-many', evidence: 'import', model: 'User' },
      { call: 'Post.findByPk(1)', orm: 'sequelize', operation: 'read-one', evidence: 'shape', model: 'Post' },
      { call: 'User.bulkCreate([{}])', orm: 'sequelize', operation: 'write-many', evidence: 'import', model: 'User' },
    ]);
  });

  it('Drizzle: select chains, relational queries, writes, $count', () => {
    expect(
      pick(`
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle('url');
db.select().from(users).where(eq(users.id, 1));
db.query.users.findFirst({ where: eq(users.id, 1) });
db.insert(users).values([{ name: 'a' }, { name: 'b' }]);
db.update(users).set({ name: 'x' }).where(eq(users.id, 1));
db.$count(users);
`),
    ).toEqual([
      { call: 'db.select().from(users).where(eq(users.id, 1))', orm: 'drizzle', operation: 'read-many', evidence: 'import', model: 'users' },
      { call: 'db.query.users.findFirst({ where: eq(users.id, 1) })', orm: 'drizzle', operation: 'read-one', evidence: 'import', model: 'users' },
      { call: "db.insert(users).values([{ name: 'a' }, { name: 'b' }])", orm: 'drizzle', operation: 'write-many', evidence: 'import', model: 'users' },
      { call: "db.update(users).set({ name: 'x' }).where(eq(users.id, 1))", orm: 'drizzle', operation: 'write-many', evidence: 'import', model: 'users' },
      { call: 'db.$count(users)', orm: 'drizzle', operation: 'count', evidence: 'import', model: 'users' },
    ]);
  });

  it('MikroORM: the entity manager from MikroORM.init, forks, persist/flush', () => {
    expect(
      pick(`
import { MikroORM } from '@mikro-orm/postgresql';
const orm = await MikroORM.init({});
const em = orm.em.fork();
em.find(Book, { author: 1 });
em.persist(book);
em.flush();
`),
    ).toEqual([
      { call: 'em.find(Book, { author: 1 })', orm: 'mikroorm', operation: 'read-many', evidence: 'import', model: 'Book' },
      { call: 'em.persist(book)', orm: 'mikroorm', operation: 'schedule', evidence: 'import', model: undefined },
      { call: 'em.flush()', orm: 'mikroorm', operation: 'flush', evidence: 'import', model: undefined },
    ]);
  });

  it('Knex: callable instance, transactions, instance methods', () => {
    expect(
      pick(`
import knex from 'knex';
const db = knex({ client: 'pg' });
db('users').where({ id: 1 }).first();
db('users').insert([{ a: 1 }]);
db.raw('select 1');
db.transaction(async (trx) => trx('users').count('id'));
`),
    ).toEqual([
      { call: "db('users').where({ id: 1 }).first()", orm: 'knex', operation: 'read-one', evidence: 'import', model: 'users' },
      { call: "db('users').insert([{ a: 1 }])", orm: 'knex', operation: 'write-many', evidence: 'import', model: 'users' },
      { call: "db.raw('select 1')", orm: 'knex', operation: 'raw', evidence: 'import', model: undefined },
      { call: "trx('users').count('id')", orm: 'knex', operation: 'count', evidence: 'import', model: 'users' },
    ]);
  });

  it('Kysely: terminals decide execution and rows', () => {
    expect(
      analyze(`
import { Kysely } from 'kysely';
const db = new Kysely<DB>({ dialect });
db.selectFrom('users').selectAll().where('id', '=', 1).executeTakeFirst();
db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
db.selectFrom('users').selectAll();
`).map(({ orm, operation, evidence, execution }) => ({ orm, operation, evidence, execution })),
    ).toEqual([
      { orm: 'kysely', operation: 'read-one', evidence: 'import', execution: 'terminal' },
      { orm: 'kysely', operation: 'count', evidence: 'import', execution: 'terminal' },
      { orm: 'kysely', operation: 'read-many', evidence: 'import', execution: 'inert' },
    ]);
  });

  it('Objection: model queries and lazy relations', () => {
    expect(
      pick(`
import { Model } from 'objection';
class Person extends Model {}
Person.query().findById(1);
Person.query().where('age', '>', 3).withGraphFetched('pets');
person.$relatedQuery('pets');
Person.query().patch({ a: 1 }).where('id', 1);
`),
    ).toEqual([
      { call: 'Person.query().findById(1)', orm: 'objection', operation: 'read-one', evidence: 'import', model: 'Person' },
      { call: "Person.query().where('age', '>', 3).withGraphFetched('pets')", orm: 'objection', operation: 'read-many', evidence: 'import', model: 'Person' },
      { call: "person.$relatedQuery('pets')", orm: 'objection', operation: 'relation-load', evidence: 'shape', model: undefined },
      { call: "Person.query().patch({ a: 1 }).where('id', 1)", orm: 'objection', operation: 'write-many', evidence: 'import', model: 'Person' },
    ]);
  });

  it('Mongoose: mongoose.model, model(), NestJS @InjectModel, query chains', () => {
    expect(
      pick(`
import mongoose, { model, Model } from 'mongoose';
import { InjectModel } from '@nestjs/mongoose';
const User = mongoose.model('User', schema);
const Post = model('Post', schema);
User.find({ active: true }).sort({ _id: 1 }).lean();
Post.countDocuments({});
class S {
  constructor(@InjectModel(Cat.name) private readonly cats: Model<Cat>) {}
  a() { return this.cats.findById(1).exec(); }
}
`),
    ).toEqual([
      { call: 'User.find({ active: true }).sort({ _id: 1 }).lean()', orm: 'mongoose', operation: 'read-many', evidence: 'import', model: 'User' },
      { call: 'Post.countDocuments({})', orm: 'mongoose', operation: 'count', evidence: 'import', model: 'Post' },
      { call: 'this.cats.findById(1).exec()', orm: 'mongoose', operation: 'read-one', evidence: 'import', model: 'Cat' },
    ]);
  });
});

describe('client acquisition forms', () => {
  it('imported from the app module, by name or by a distinctive shape', () => {
    expect(pick(`import { prisma } from '~/lib/db'; prisma.user.findMany();`)[0]?.evidence).toBe('shape');
    expect(pick(`import { db } from '@acme/database'; db.user.findMany({ where: { id: 1 } });`)[0]?.orm).toBe('prisma');
    expect(pick(`import { db } from '@acme/database'; db.selectFrom('users').selectAll().execute();`)[0]?.orm).toBe('kysely');
  });

  it('settings.orm modules and clients raise evidence to import', () => {
    expect(pick(`import { store } from '@acme/db'; store.user.count();`).map((s) => s.evidence)).toEqual(['name']);
    expect(pick(`import { store } from '@acme/db'; store.user.count();`, { orm: { modules: { '@acme/db': 'prisma' } } })).toEqual([
      { call: 'store.user.count()', orm: 'prisma', operation: 'count', evidence: 'import', model: 'user' },
    ]);
    expect(pick(`ctx.db.user.count();`, { orm: { clients: { 'ctx.db': 'prisma' } } })[0]?.evidence).toBe('import');
  });

  it('injected into a class: constructor parameter properties, fields, decorators', () => {
    const seen = pick(`
import { PrismaService } from './prisma.service';
class A {
  private readonly db: PrismaService;
  constructor(private readonly prisma: PrismaService) { this.db = prisma; }
  a() { return this.prisma.user.count(); }
}
`);
    expect(seen).toEqual([{ call: 'this.prisma.user.count()', orm: 'prisma', operation: 'count', evidence: 'shape', model: 'user' }]);
  });

  it('transaction callback parameters take the ORM of the client', () => {
    expect(
      pick(`
import { PrismaClient } from '@prisma/client';
import { DataSource } from 'typeorm';
const prisma = new PrismaClient();
declare const ds: DataSource;
prisma.$transaction(async (tx) => tx.user.count());
ds.transaction(async (manager) => manager.find(User, {}));
`).map((s) => [s.call, s.orm, s.evidence]),
    ).toEqual([
      ['tx.user.count()', 'prisma', 'import'],
      ['manager.find(User, {})', 'typeorm', 'import'],
    ]);
  });

  it('CommonJS require', () => {
    expect(analyze(`const { PrismaClient } = require('@prisma/client'); const p = new PrismaClient(); p.user.count();`, { filename: 'file.js' })[0]).toMatchObject({ orm: 'prisma', evidence: 'import' });
  });
});

describe('look-alikes are not queries', () => {
  it.each([
    ['Map#get/delete', 'const m = new Map(); m.get(1); m.delete(1);'],
    ['Set#delete', 'const s = new Set(); s.delete(1);'],
    ['URLSearchParams#delete', 'const p = new URLSearchParams(); p.delete("a");'],
    ['Array#find/filter', '[1, 2].find((x) => x > 1); [1].filter(Boolean);'],
    ['fetch', 'fetch("/users");'],
    ['Redis and caches', 'redis.get("k"); cache.delete("k"); localStorage.getItem("k");'],
    ['a service with ORM-like names', 'userService.findOne(1); this.users.find((u) => u.id === 1); service.findAll();'],
    ['an object literal that only has the method name', 'const repo = { findMany() {} }; repo.findMany();'],
    ['a this-member with a Prisma method name', 'class A { b() { return this.userService.findMany(); } }'],
    ['JavaScript globals with model-like names', 'Math.min(1, 2); Math.max(a, b); Object.create(null); Array.from(x); JSON.parse(s); Promise.all([]);'],
  ])('%s', (_, code) => {
    expect(analyze(code).filter((s) => s.evidence !== 'name')).toEqual([]);
  });
});

describe('iteration', () => {
  it('finds loops and per-item callbacks, not functions created per item', () => {
    const seen = analyze(`
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
for (const a of as) prisma.a.findMany();
for (const b in bs) prisma.b.findMany();
for (let i = 0; i < cs.length; i++) prisma.c.findMany();
while (x) prisma.d.findMany();
do prisma.e.findMany(); while (x);
ids.map((id) => prisma.f.findMany());
ids.forEach(function (id) { prisma.g.findMany(); });
for (const h of hs) handlers.push(() => prisma.h.findMany());
for (const i of await prisma.i.findMany()) {}
`);
    expect(seen.map((s) => [s.model, s.loop])).toEqual([
      ['a', 'for-of'],
      ['b', 'for-in'],
      ['c', 'for'],
      ['d', 'while'],
      ['e', 'do-while'],
      ['f', 'callback'],
      ['g', 'callback'],
      ['h', undefined],
      ['i', undefined],
    ]);
  });
});
