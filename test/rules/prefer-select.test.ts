import rule from '../../src/rules/prefer-select.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('prefer-select', rule, {
  valid: [
    {
      name: "rows returned",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const teams = await prisma.team.findMany();
  console.log(teams.map((t) => t.id));
  return teams;
}`,
    },
    {
      name: "rows passed to a function",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(send: (x: unknown) => void) {
  const teams = await prisma.team.findMany();
  send(teams);
  return teams.map((t) => t.id);
}`,
    },
    {
      name: "rows serialised",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(res: { json(v: unknown): void }) {
  const teams = await prisma.team.findMany();
  res.json({ ids: teams.map((t) => t.id), teams });
}`,
    },
    {
      name: "a row escapes from the callback",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const teams = await prisma.team.findMany();
  return teams.map((t) => toDto(t));
}`,
    },
    {
      name: "a row method is called",
      code: `import { User } from './models';
export async function f() {
  const users = await User.findAll({ where: { active: true } });
  return users.map((u) => u.get('email'));
}`,
    },
    {
      name: "already selected",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.team.findMany({ select: { id: true } })).map((t) => t.id);
}`,
    },
    {
      name: "already projected (Sequelize attributes)",
      code: `import { User } from './models';
export async function f() {
  return (await User.findAll({ attributes: ['email'] })).map((u) => u.email);
}`,
    },
    {
      name: "field reads in a loop need checkFieldReads",
      code: `import { User } from './models';
export async function f() {
  const users = await User.findAll({ where: { active: true } });
  for (const user of users) console.log(user.name, user.email);
}`,
    },
    {
      name: "a map to an object is not a one-field map (without checkFieldReads)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.team.findMany()).map((t) => ({ id: t.id, name: t.name }));
}`,
    },
    {
      name: "with checkFieldReads: a row spread into an object escapes",
      options: [{"ignoreModels":[],"checkFieldReads":true}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.team.findMany()).map((t) => ({ ...t, label: t.name }));
}`,
    },
    {
      name: "with checkFieldReads: a dynamic property read escapes",
      options: [{"ignoreModels":[],"checkFieldReads":true}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(key: 'id' | 'name') {
  return (await prisma.team.findMany()).map((t) => t[key]);
}`,
    },
    {
      name: "Array#map on a plain array",
      code: `export function f(xs: { id: number }[]) {
  return xs.map((x) => x.id);
}`,
    },
    {
      name: "with checkFieldReads: a Sequelize instance member is not a column",
      options: [{"ignoreModels":[],"checkFieldReads":true}],
      code: `import { Document } from './models';
export async function f(id: string) {
  const doc = await Document.findByPk(id);
  return doc?.dataValues.text;
}`,
    },
    {
      name: "ignoreModels",
      options: [{"ignoreModels":["team"],"checkFieldReads":false}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.team.findMany()).map((t) => t.id);
}`,
    },
  ],
  invalid: [
    {
      name: "Prisma: map to one field",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(userId: string) {
  const teams = await prisma.team.findMany({ where: { members: { some: { userId } } } });
  return teams.map((team) => team.id);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"prisma.team.findMany(…)","fields":"`id`","verb":"is","those":"that column","orm":"Prisma","hint":"select: { id: true, … }"},
          line: 4, column: 23, endLine: 4, endColumn: 89,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(userId: string) {
  const teams = await prisma.team.findMany({ where: { members: { some: { userId } } }, select: { id: true } });
  return teams.map((team) => team.id);
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: map next to an emptiness test and a length",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const websites = await prisma.website.findMany({ where: { deletedAt: null } });
  if (websites.length === 0) return [];
  console.log(websites.length);
  return websites.map((w) => w.id);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"prisma.website.findMany(…)","fields":"`id`","verb":"is","those":"that column","orm":"Prisma","hint":"select: { id: true, … }"},
          line: 4, column: 26, endLine: 4, endColumn: 81,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const websites = await prisma.website.findMany({ where: { deletedAt: null }, select: { id: true } });
  if (websites.length === 0) return [];
  console.log(websites.length);
  return websites.map((w) => w.id);
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: two maps read two fields; destructured parameter",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany();
  return [users.map(({ id }) => id), users.map((u) => u.email)];
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"prisma.user.findMany()","fields":"`id` and `email`","verb":"are","those":"those columns","orm":"Prisma","hint":"select: { id: true, … }"},
          line: 4, column: 23, endLine: 4, endColumn: 45,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id` and `email`"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany({ select: { id: true, email: true } });
  return [users.map(({ id }) => id), users.map((u) => u.email)];
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: an include that is read moves into select, others are dropped",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany({ include: { posts: true, profile: { include: { avatar: true } } } });
  return users.map((u) => u.profile);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"prisma.user.findMany(…)","fields":"`profile`","verb":"is","those":"that column","orm":"Prisma","hint":"select: { id: true, … }"},
          line: 4, column: 23, endLine: 4, endColumn: 113,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`profile`"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const users = await prisma.user.findMany({ select: { profile: { include: { avatar: true } } } });
  return users.map((u) => u.profile);
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: checkFieldReads: a one-row read",
      options: [{"ignoreModels":[],"checkFieldReads":true}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw new Error('not found');
  return \`\${user.firstName} \${user.lastName}\`;
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"prisma.user.findUnique(…)","fields":"`firstName` and `lastName`","verb":"are","those":"those columns","orm":"Prisma","hint":"select: { id: true, … }"},
          line: 4, column: 22, endLine: 4, endColumn: 63,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`firstName` and `lastName`"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id }, select: { firstName: true, lastName: true } });
  if (!user) throw new Error('not found');
  return \`\${user.firstName} \${user.lastName}\`;
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: checkFieldReads: reads in a loop and a filter",
      options: [{"ignoreModels":[],"checkFieldReads":true}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany();
  for (const post of posts.filter((p) => p.published)) console.log(post.title);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"prisma.post.findMany()","fields":"`published` and `title`","verb":"are","those":"those columns","orm":"Prisma","hint":"select: { id: true, … }"},
          line: 4, column: 23, endLine: 4, endColumn: 45,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`published` and `title`"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany({ select: { published: true, title: true } });
  for (const post of posts.filter((p) => p.published)) console.log(post.title);
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: checkFieldReads: the first row destructured",
      options: [{"ignoreModels":[],"checkFieldReads":true}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const [first] = await prisma.post.findMany({ orderBy: { id: 'asc' } });
  return first?.title;
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"prisma.post.findMany(…)","fields":"`title`","verb":"is","those":"that column","orm":"Prisma","hint":"select: { id: true, … }"},
          line: 4, column: 25, endLine: 4, endColumn: 73,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`title`"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const [first] = await prisma.post.findMany({ orderBy: { id: 'asc' }, select: { title: true } });
  return first?.title;
}` },
          ],
        },
      ],
    },
    {
      name: "TypeORM: Array.isArray on the rows reads nothing from them",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly followsRepository: Repository<Follows>) {}
  async f(followerId: number) {
    const follows = await this.followsRepository.find({ where: { followerId } });
    if (!(Array.isArray(follows) && follows.length > 0)) return [];
    return follows.map((f) => f.followingId);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"this.followsRepository.find(…)","fields":"`followingId`","verb":"is","those":"that column","orm":"TypeORM","hint":"select: { id: true, … }"},
          line: 5, column: 27, endLine: 5, endColumn: 81,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`followingId`"}, output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly followsRepository: Repository<Follows>) {}
  async f(followerId: number) {
    const follows = await this.followsRepository.find({ where: { followerId }, select: { followingId: true } });
    if (!(Array.isArray(follows) && follows.length > 0)) return [];
    return follows.map((f) => f.followingId);
  }
}` },
          ],
        },
      ],
    },
    {
      name: "TypeORM: find + map → select",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly tagRepository: Repository<Tag>) {}
  async f() {
    const tags = await this.tagRepository.find({ where: { hidden: false } });
    return tags.map((tag) => tag.name);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"this.tagRepository.find(…)","fields":"`name`","verb":"is","those":"that column","orm":"TypeORM","hint":"select: { id: true, … }"},
          line: 5, column: 24, endLine: 5, endColumn: 77,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`name`"}, output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly tagRepository: Repository<Tag>) {}
  async f() {
    const tags = await this.tagRepository.find({ where: { hidden: false }, select: { name: true } });
    return tags.map((tag) => tag.name);
  }
}` },
          ],
        },
      ],
    },
    {
      name: "TypeORM: findBy + map → find with where and select",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly tagRepository: Repository<Tag>) {}
  async f() {
    return (await this.tagRepository.findBy({ hidden: false })).map((tag) => tag.name);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"this.tagRepository.findBy(…)","fields":"`name`","verb":"is","those":"that column","orm":"TypeORM","hint":"select: { id: true, … }"},
          line: 5, column: 19, endLine: 5, endColumn: 63,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`name`"}, output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly tagRepository: Repository<Tag>) {}
  async f() {
    return (await this.tagRepository.find({ where: { hidden: false }, select: { name: true } })).map((tag) => tag.name);
  }
}` },
          ],
        },
      ],
    },
    {
      name: "TypeORM: query builder → .select([alias.field])",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const rows = await this.userRepository.createQueryBuilder('u').where('u.active = :a', { a: true }).getMany();
    return rows.map((r) => r.id);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"this.userRepository.createQueryBuilder('u').where(…).getMany()","fields":"`id`","verb":"is","those":"that column","orm":"TypeORM","hint":"select: { id: true, … }"},
          line: 5, column: 24, endLine: 5, endColumn: 113,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const rows = await this.userRepository.createQueryBuilder('u').select(['u.id']).where('u.active = :a', { a: true }).getMany();
    return rows.map((r) => r.id);
  }
}` },
          ],
        },
      ],
    },
    {
      name: "Sequelize: attributes",
      code: `import { User } from './models';
export async function f() {
  return (await User.findAll({ where: { active: true } })).map((u) => u.email);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"User.findAll(…)","fields":"`email`","verb":"is","those":"that column","orm":"Sequelize","hint":"attributes: ['id', …]"},
          line: 3, column: 17, endLine: 3, endColumn: 58,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`email`"}, output: `import { User } from './models';
export async function f() {
  return (await User.findAll({ where: { active: true }, attributes: ['email'] })).map((u) => u.email);
}` },
          ],
        },
      ],
    },
    {
      name: "Sequelize: checkFieldReads: a for…of loop",
      options: [{"ignoreModels":[],"checkFieldReads":true}],
      code: `import { User } from './models';
export async function f() {
  const users = await User.findAll({ where: { active: true } });
  for (const user of users) console.log(user.name, user.email);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"User.findAll(…)","fields":"`name` and `email`","verb":"are","those":"those columns","orm":"Sequelize","hint":"attributes: ['id', …]"},
          line: 3, column: 23, endLine: 3, endColumn: 64,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`name` and `email`"}, output: `import { User } from './models';
export async function f() {
  const users = await User.findAll({ where: { active: true }, attributes: ['name', 'email'] });
  for (const user of users) console.log(user.name, user.email);
}` },
          ],
        },
      ],
    },
    {
      name: "Drizzle: a partial select",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  const rows = await db.select().from(users);
  return rows.map((u) => u.id);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"db.select().from(…)","fields":"`id`","verb":"is","those":"that column","orm":"Drizzle","hint":"db.select({ id: table.id, … })"},
          line: 5, column: 22, endLine: 5, endColumn: 45,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  const rows = await db.select({ id: users.id }).from(users);
  return rows.map((u) => u.id);
}` },
          ],
        },
      ],
    },
    {
      name: "Drizzle: relational columns",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });
export async function f() {
  return (await db.query.users.findMany()).map((u) => u.email);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"db.query.users.findMany()","fields":"`email`","verb":"is","those":"that column","orm":"Drizzle","hint":"db.select({ id: table.id, … })"},
          line: 5, column: 17, endLine: 5, endColumn: 42,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`email`"}, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });
export async function f() {
  return (await db.query.users.findMany({ columns: { email: true } })).map((u) => u.email);
}` },
          ],
        },
      ],
    },
    {
      name: "MikroORM: fields",
      code: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f() {
    return (await this.em.find(User, { active: true })).map((u) => u.id);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"this.em.find(…)","fields":"`id`","verb":"is","those":"that column","orm":"MikroORM","hint":"fields: ['id', …]"},
          line: 5, column: 19, endLine: 5, endColumn: 55,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f() {
    return (await this.em.find(User, { active: true }, { fields: ['id'] })).map((u) => u.id);
  }
}` },
          ],
        },
      ],
    },
    {
      name: "Knex: select(column)",
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f() {
  return (await db('users').where({ active: true })).map((r) => r.id);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"db('users').where(…)","fields":"`id`","verb":"is","those":"that column","orm":"Knex","hint":".select('id', …)"},
          line: 4, column: 17, endLine: 4, endColumn: 52,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f() {
  return (await db('users').select('id').where({ active: true })).map((r) => r.id);
}` },
          ],
        },
      ],
    },
    {
      name: "Knex: select(*) replaced",
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f() {
  const rows = await db('users').select('*').where({ active: true });
  return rows.map((r) => r.email);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"db('users').select('*').where(…)","fields":"`email`","verb":"is","those":"that column","orm":"Knex","hint":".select('id', …)"},
          line: 4, column: 22, endLine: 4, endColumn: 69,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`email`"}, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f() {
  const rows = await db('users').select('email').where({ active: true });
  return rows.map((r) => r.email);
}` },
          ],
        },
      ],
    },
    {
      name: "Kysely: selectAll → select",
      code: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f() {
  return (await db.selectFrom('users').selectAll().execute()).map((r) => r.id);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"db.selectFrom('users').selectAll().execute()","fields":"`id`","verb":"is","those":"that column","orm":"Kysely","hint":".select(['id', …])"},
          line: 4, column: 17, endLine: 4, endColumn: 61,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f() {
  return (await db.selectFrom('users').select(['id']).execute()).map((r) => r.id);
}` },
          ],
        },
      ],
    },
    {
      name: "Objection: select after query()",
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function f() {
  return (await Person.query().where('age', '>', 18)).map((p) => p.id);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"Person.query().where(…)","fields":"`id`","verb":"is","those":"that column","orm":"Objection","hint":".select('id', …)"},
          line: 4, column: 17, endLine: 4, endColumn: 53,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { Model } from 'objection';
class Person extends Model {}
export async function f() {
  return (await Person.query().select('id').where('age', '>', 18)).map((p) => p.id);
}` },
          ],
        },
      ],
    },
    {
      name: "Mongoose: projection (id is _id)",
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  const docs = await User.find({ active: true });
  return docs.map((d) => d.id);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"User.find(…)","fields":"`id`","verb":"is","those":"that column","orm":"Mongoose","hint":"Model.find(filter, 'name email')"},
          line: 4, column: 22, endLine: 4, endColumn: 49,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`id`"}, output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  const docs = await User.find({ active: true }, '_id');
  return docs.map((d) => d.id);
}` },
          ],
        },
      ],
    },
    {
      name: "Mongoose: find() without a filter",
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  return (await User.find()).map((d) => d.name);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"User.find()","fields":"`name`","verb":"is","those":"that column","orm":"Mongoose","hint":"Model.find(filter, 'name email')"},
          line: 4, column: 17, endLine: 4, endColumn: 28,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`name`"}, output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  return (await User.find({}, 'name')).map((d) => d.name);
}` },
          ],
        },
      ],
    },
  ],
});

// Without TypeScript (espree, CommonJS): nothing throws, reports stay the same.
jsRuleTester.run('prefer-select (espree)', rule, {
  valid: [
  ],
  invalid: [
    {
      name: "espree: Mongoose in CommonJS",
      code: `const mongoose = require('mongoose');
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
async function names() {
  return (await User.find({})).map((u) => u.name);
}`,
      output: null,
      errors: [
        {
          messageId: 'wholeRows',
          data: {"call":"User.find(…)","fields":"`name`","verb":"is","those":"that column","orm":"Mongoose","hint":"Model.find(filter, 'name email')"},
          line: 4, column: 17, endLine: 4, endColumn: 30,
          suggestions: [
            { messageId: 'selectFields', data: {"fields":"`name`"}, output: `const mongoose = require('mongoose');
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
async function names() {
  return (await User.find({}, 'name')).map((u) => u.name);
}` },
          ],
        },
      ],
    },
  ],
});
