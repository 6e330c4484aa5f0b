import rule from '../../src/rules/prefer-exists.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('prefer-exists', rule, {
  valid: [
    {
      name: "the count is shown",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const n = await prisma.post.count({ where: { published: false } });
  return n > 0 ? \`\${n} drafts\` : 'no drafts';
}`,
    },
    {
      name: "the rows are used after the test",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const drafts = await prisma.post.findMany({ where: { published: false } });
  if (drafts.length === 0) return [];
  return drafts.map((d) => d.title);
}`,
    },
    {
      name: "the length is used as a number: prefer-count reports it",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const drafts = await prisma.post.findMany({ where: { published: false } });
  if (drafts.length === 0) return 0;
  return drafts.length;
}`,
    },
    {
      name: "a comparison with another number is not an emptiness test",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.post.count()) > 10;
}`,
    },
    {
      name: "a one-row read already stops at one row (without checkSingleRowReads)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  if (user) throw new Error('taken');
}`,
    },
    {
      name: "the found row is returned after the test",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  const user = await prisma.user.findFirst({ where: { email } });
  if (!user) throw new Error('not found');
  return user;
}`,
    },
    {
      name: "a bounded query (limit 1) is already cheap",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows.length > 0;
}`,
    },
    {
      name: "MikroORM count() is a documented existence test",
      code: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f(email: string) {
    return (await this.em.count(User, { email })) > 0;
  }
}`,
    },
    {
      name: "Knex first() adds LIMIT 1",
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(email: string) {
  return (await db('users').where({ email }).first()) !== undefined;
}`,
    },
    {
      name: "Objection first() on a model that sets useLimitInFirst",
      code: `import { Model } from 'objection';
class Person extends Model {
  static useLimitInFirst = true;
}
export async function f(name: string) {
  return !!(await Person.query().where('name', name).first());
}`,
    },
    {
      name: "TypeORM findOneBy passes take: 1",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(email: string) {
    const user = await this.userRepository.findOneBy({ email });
    if (user) throw new Error('taken');
  }
}`,
    },
    {
      name: "an array in a test (always truthy) is not an emptiness test",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany();
  if (users) return true;
}`,
    },
    {
      name: "ignoreModels",
      options: [{"ignoreModels":["post"],"checkSingleRowReads":false}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.post.count()) > 0;
}`,
    },
    {
      name: "Array#length of a non-query",
      code: `export async function f(load: () => Promise<number[]>) {
  return (await load()).length > 0;
}`,
    },
  ],
  invalid: [
    {
      name: "Prisma: findMany + length > 0 (suggestion: findFirst with the id)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(authorId: number) {
  const drafts = await prisma.post.findMany({ where: { authorId, published: false } });
  if (drafts.length > 0) throw new Error('publish your drafts first');
}`,
      output: null,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"prisma.post.findMany(…)","orm":"Prisma","hint":"findFirst({ where, select: { id: true } })"},
          line: 4, column: 24, endLine: 4, endColumn: 87,
          suggestions: [
            { messageId: 'useExists', data: {"note":" (assumes the primary key is `id`)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(authorId: number) {
  const drafts = await prisma.post.findFirst({ where: { authorId, published: false }, select: { id: true } });
  if (drafts !== null) throw new Error('publish your drafts first');
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: count() > 0 inline",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(authorId: number) {
  return (await prisma.post.count({ where: { authorId } })) > 0;
}`,
      output: null,
      errors: [
        {
          messageId: 'countToTest',
          data: {"call":"prisma.post.count(…)","orm":"Prisma","hint":"findFirst({ where, select: { id: true } })"},
          line: 4, column: 17, endLine: 4, endColumn: 59,
          suggestions: [
            { messageId: 'useExists', data: {"note":" (assumes the primary key is `id`)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(authorId: number) {
  return (await prisma.post.findFirst({ where: { authorId }, select: { id: true } })) !== null;
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: !count keeps its truthiness test",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const n = await prisma.post.count();
  if (!n) return 'empty';
}`,
      output: null,
      errors: [
        {
          messageId: 'countToTest',
          data: {"call":"prisma.post.count()","orm":"Prisma","hint":"findFirst({ where, select: { id: true } })"},
          line: 4, column: 19, endLine: 4, endColumn: 38,
          suggestions: [
            { messageId: 'useExists', data: {"note":" (assumes the primary key is `id`)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const n = await prisma.post.findFirst({ select: { id: true } });
  if (!n) return 'empty';
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: checkSingleRowReads reports a whole row read only to be tested",
      options: [{"ignoreModels":[],"checkSingleRowReads":true}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  return user !== null;
}`,
      output: null,
      errors: [
        {
          messageId: 'rowToTest',
          data: {"call":"prisma.user.findUnique(…)","orm":"Prisma","hint":"findFirst({ where, select: { id: true } })"},
          line: 4, column: 22, endLine: 4, endColumn: 66,
          suggestions: [
            { messageId: 'useExists', data: {"note":" (assumes the primary key is `id`)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  return user !== null;
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: an array null-check next to the test (report, no fix)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany({ where: { active: true } });
  if (users && users.length > 0) return true;
}`,
      output: null,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"findFirst({ where, select: { id: true } })"},
          line: 4, column: 23, endLine: 4, endColumn: 72,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: findBy + length → existsBy (fix)",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(email: string) {
    const existing = await this.userRepository.findBy({ email });
    if (existing.length > 0) throw new Error('taken');
  }
}`,
      output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(email: string) {
    const existing = await this.userRepository.existsBy({ email });
    if (existing) throw new Error('taken');
  }
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"this.userRepository.findBy(…)","orm":"TypeORM","hint":"exists({ where }) / existsBy(where) / qb.getExists()"},
          line: 5, column: 28, endLine: 5, endColumn: 65,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: count === 0 → !exists (fix)",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    return (await this.userRepository.count({ where: { active: true } })) === 0;
  }
}`,
      output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    return !(await this.userRepository.exists({ where: { active: true } }));
  }
}`,
      errors: [
        {
          messageId: 'countToTest',
          data: {"call":"this.userRepository.count(…)","orm":"TypeORM","hint":"exists({ where }) / existsBy(where) / qb.getExists()"},
          line: 5, column: 19, endLine: 5, endColumn: 73,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: getOne() fetches every match (fix: getExists)",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(email: string) {
    const user = await this.userRepository.createQueryBuilder('u').where('u.email = :email', { email }).getOne();
    if (user) throw new Error('taken');
  }
}`,
      output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(email: string) {
    const user = await this.userRepository.createQueryBuilder('u').where('u.email = :email', { email }).getExists();
    if (user) throw new Error('taken');
  }
}`,
      errors: [
        {
          messageId: 'overfetchToTest',
          data: {"call":"this.userRepository.createQueryBuilder('u').where(…).getOne()","orm":"TypeORM","hint":"exists({ where }) / existsBy(where) / qb.getExists()"},
          line: 5, column: 24, endLine: 5, endColumn: 113,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: getOne() compared with undefined: the rewrite would change it (suggestion)",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(email: string) {
    const user = await this.userRepository.createQueryBuilder('u').where('u.email = :email', { email }).getOne();
    return user === undefined;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'overfetchToTest',
          data: {"call":"this.userRepository.createQueryBuilder('u').where(…).getOne()","orm":"TypeORM","hint":"exists({ where }) / existsBy(where) / qb.getExists()"},
          line: 5, column: 24, endLine: 5, endColumn: 113,
          suggestions: [
            { messageId: 'useExists', data: {"note":""}, output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f(email: string) {
    const user = await this.userRepository.createQueryBuilder('u').where('u.email = :email', { email }).getExists();
    return !user;
  }
}` },
          ],
        },
      ],
    },
    {
      name: "Sequelize: findAll + length (suggestion)",
      code: `import { User } from './models';
export async function f(email: string) {
  if ((await User.findAll({ where: { email } })).length) throw new Error('taken');
}`,
      output: null,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"User.findAll(…)","orm":"Sequelize","hint":"Model.findOne({ where, attributes: ['id'] })"},
          line: 3, column: 14, endLine: 3, endColumn: 48,
          suggestions: [
            { messageId: 'useExists', data: {"note":" (assumes the primary key is `id`)"}, output: `import { User } from './models';
export async function f(email: string) {
  if (await User.findOne({ where: { email }, attributes: ['id'] })) throw new Error('taken');
}` },
          ],
        },
      ],
    },
    {
      name: "Drizzle: select + length → limit(1), test unchanged (fix)",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email));
  return rows.length > 0;
}`,
      output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(email: string) {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows.length > 0;
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"db.select().from(…).where(…)","orm":"Drizzle","hint":".limit(1)"},
          line: 6, column: 22, endLine: 6, endColumn: 75,
          suggestions: [],
        },
      ],
    },
    {
      name: "Drizzle: limit(1) goes before an .all() terminal",
      code: `import { drizzle } from 'drizzle-orm/libsql';
import { eq } from 'drizzle-orm';
import { pages } from './schema';
const db = drizzle({ connection: { url: process.env.DB_URL! } });
export async function f(slug: string) {
  const rows = await db.select({ id: pages.id }).from(pages).where(eq(pages.slug, slug)).all();
  return rows.length === 0;
}`,
      output: `import { drizzle } from 'drizzle-orm/libsql';
import { eq } from 'drizzle-orm';
import { pages } from './schema';
const db = drizzle({ connection: { url: process.env.DB_URL! } });
export async function f(slug: string) {
  const rows = await db.select({ id: pages.id }).from(pages).where(eq(pages.slug, slug)).limit(1).all();
  return rows.length === 0;
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"db.select(…).from(…).where(…).all()","orm":"Drizzle","hint":".limit(1)"},
          line: 6, column: 22, endLine: 6, endColumn: 95,
          suggestions: [],
        },
      ],
    },
    {
      name: "Drizzle: $count === 0 → a one-row select (fix, adds the sql import)",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(id: number) {
  const n = await db.$count(posts, eq(posts.authorId, id));
  if (n === 0) return 'no posts';
}`,
      output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, sql } from 'drizzle-orm';
import { posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(id: number) {
  const n = await db.select({ one: sql\`1\` }).from(posts).where(eq(posts.authorId, id)).limit(1);
  if (n.length === 0) return 'no posts';
}`,
      errors: [
        {
          messageId: 'countToTest',
          data: {"call":"db.$count(…)","orm":"Drizzle","hint":".limit(1)"},
          line: 6, column: 19, endLine: 6, endColumn: 59,
          suggestions: [],
        },
      ],
    },
    {
      name: "Drizzle: relational findMany → findFirst (fix)",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  const rows = await db.query.users.findMany({ where: eq(users.active, true) });
  if (!rows.length) return null;
}`,
      output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  const rows = await db.query.users.findFirst({ where: eq(users.active, true) });
  if (!rows) return null;
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"db.query.users.findMany(…)","orm":"Drizzle","hint":".limit(1)"},
          line: 6, column: 22, endLine: 6, endColumn: 80,
          suggestions: [],
        },
      ],
    },
    {
      name: "MikroORM: find + length (suggestion: findOne with fields)",
      code: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f(email: string) {
    return (await this.em.find(User, { email })).length > 0;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"this.em.find(…)","orm":"MikroORM","hint":"em.findOne(Entity, where, { fields: ['id'] })"},
          line: 5, column: 19, endLine: 5, endColumn: 48,
          suggestions: [
            { messageId: 'useExists', data: {"note":" (assumes the primary key is `id`)"}, output: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f(email: string) {
    return (await this.em.findOne(User, { email }, { fields: ['id'] })) !== null;
  }
}` },
          ],
        },
      ],
    },
    {
      name: "Knex: rows + length === 0 → first() (fix)",
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(email: string) {
  const rows = await db('users').where('email', email);
  if (rows.length === 0) return 0;
}`,
      output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(email: string) {
  const rows = await db('users').where('email', email).first();
  if (rows === undefined) return 0;
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"db('users').where(…)","orm":"Knex","hint":".first()"},
          line: 4, column: 22, endLine: 4, endColumn: 55,
          suggestions: [],
        },
      ],
    },
    {
      name: "Kysely: executeTakeFirst() adds no LIMIT (fix)",
      code: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f(email: string) {
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (!user) throw new Error('unknown');
}`,
      output: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f(email: string) {
  const user = await db.selectFrom('users').where('email', '=', email).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst();
  if (!user) throw new Error('unknown');
}`,
      errors: [
        {
          messageId: 'overfetchToTest',
          data: {"call":"db.selectFrom('users').selectAll().where(…).executeTakeFirst()","orm":"Kysely","hint":".select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst()"},
          line: 4, column: 22, endLine: 4, endColumn: 102,
          suggestions: [],
        },
      ],
    },
    {
      name: "Kysely: execute + length (fix)",
      code: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f(email: string) {
  return (await db.selectFrom('users').selectAll().where('email', '=', email).execute()).length > 0;
}`,
      output: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f(email: string) {
  return (await db.selectFrom('users').where('email', '=', email).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst()) !== undefined;
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"db.selectFrom('users').selectAll().where(…).execute()","orm":"Kysely","hint":".select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst()"},
          line: 4, column: 17, endLine: 4, endColumn: 88,
          suggestions: [],
        },
      ],
    },
    {
      name: "Objection: first() without useLimitInFirst (fix: limit(1))",
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function f(name: string) {
  const person = await Person.query().where('name', name).first();
  return !!person;
}`,
      output: `import { Model } from 'objection';
class Person extends Model {}
export async function f(name: string) {
  const person = await Person.query().where('name', name).limit(1).first();
  return !!person;
}`,
      errors: [
        {
          messageId: 'overfetchToTest',
          data: {"call":"Person.query().where(…).first()","orm":"Objection","hint":".limit(1).first()"},
          line: 4, column: 24, endLine: 4, endColumn: 66,
          suggestions: [],
        },
      ],
    },
    {
      name: "Objection: resultSize() > 0 (fix)",
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function f() {
  if ((await Person.query().where('age', '>', 18).resultSize()) > 0) return 1;
}`,
      output: `import { Model } from 'objection';
class Person extends Model {}
export async function f() {
  if ((await Person.query().where('age', '>', 18).limit(1).first()) !== undefined) return 1;
}`,
      errors: [
        {
          messageId: 'countToTest',
          data: {"call":"Person.query().where(…).resultSize()","orm":"Objection","hint":".limit(1).first()"},
          line: 4, column: 14, endLine: 4, endColumn: 63,
          suggestions: [],
        },
      ],
    },
    {
      name: "Mongoose: countDocuments > 0 → exists() !== null (fix)",
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ email: String }));
export async function f(email: string) {
  return (await User.countDocuments({ email })) > 0;
}`,
      output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ email: String }));
export async function f(email: string) {
  return (await User.exists({ email })) !== null;
}`,
      errors: [
        {
          messageId: 'countToTest',
          data: {"call":"User.countDocuments(…)","orm":"Mongoose","hint":"Model.exists(filter) !== null"},
          line: 4, column: 17, endLine: 4, endColumn: 47,
          suggestions: [],
        },
      ],
    },
    {
      name: "Mongoose: find + length → exists(), null when none (fix)",
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ email: String }));
export async function f(email: string) {
  const docs = await User.find({ email }).lean();
  if (docs.length === 0) throw new Error('unknown');
}`,
      output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ email: String }));
export async function f(email: string) {
  const docs = await User.exists({ email });
  if (docs === null) throw new Error('unknown');
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"User.find(…).lean()","orm":"Mongoose","hint":"Model.exists(filter) !== null"},
          line: 4, column: 22, endLine: 4, endColumn: 49,
          suggestions: [],
        },
      ],
    },
    {
      name: "Mongoose: findById tested against null (checkSingleRowReads)",
      options: [{"ignoreModels":[],"checkSingleRowReads":true}],
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ email: String }));
export async function f(id: string) {
  const user = await User.findById(id);
  if (user === null) throw new Error('unknown');
}`,
      output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ email: String }));
export async function f(id: string) {
  const user = await User.exists({ _id: id });
  if (user === null) throw new Error('unknown');
}`,
      errors: [
        {
          messageId: 'rowToTest',
          data: {"call":"User.findById(…)","orm":"Mongoose","hint":"Model.exists(filter) !== null"},
          line: 4, column: 22, endLine: 4, endColumn: 39,
          suggestions: [],
        },
      ],
    },
  ],
});

// Without TypeScript (espree, CommonJS): nothing throws, reports stay the same.
jsRuleTester.run('prefer-exists (espree)', rule, {
  valid: [
  ],
  invalid: [
    {
      name: "espree: Knex in CommonJS",
      code: `const knex = require('knex')({ client: 'pg' });
async function emailTaken(email) {
  return (await knex('users').where({ email })).length > 0;
}`,
      output: `const knex = require('knex')({ client: 'pg' });
async function emailTaken(email) {
  return (await knex('users').where({ email }).first()) !== undefined;
}`,
      errors: [
        {
          messageId: 'rowsToTest',
          data: {"call":"knex('users').where(…)","orm":"Knex","hint":".first()"},
          line: 3, column: 17, endLine: 3, endColumn: 47,
          suggestions: [],
        },
      ],
    },
  ],
});
