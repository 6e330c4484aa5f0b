import rule from '../../src/rules/no-in-memory-filter.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

ruleTester.run('no-in-memory-filter', rule, {
  valid: [
    {
      name: "rows put back in the order of the caller's ids",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function byIds(ids: string[]) {
  const tables = await prisma.table.findMany({ where: { id: { in: ids } } });
  return tables.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}`,
    },
    {
      name: "a condition on a JSON text column parsed in JavaScript",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function listens(userId: string, type: string) {
  const rules = await prisma.rule.findMany({ where: { userId }, select: { event: true } });
  return rules.some((rule) => (JSON.parse(rule.event) as { type: string }).type === type);
}`,
    },
    {
      name: "the unfiltered rows are used too",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany();
  return { total: posts.length, published: posts.filter((p) => p.published).length };
}`,
    },
    {
      name: "two different filters of the same rows (one query for both)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany();
  return [posts.filter((p) => p.published), posts.filter((p) => !p.published)];
}`,
    },
    {
      name: "a filtered page is not a paged filter",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const page = await prisma.post.findMany({ take: 20, orderBy: { id: 'asc' } });
  return page.filter((p) => p.published);
}`,
    },
    {
      name: "a unique lookup destructured (no order): one row anyway",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { users } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(id: number) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}`,
    },
    {
      name: "the rows are iterated",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany();
  for (const p of posts) if (p.published) console.log(p.title);
}`,
    },
    {
      name: "a filter on an array that is not a query result",
      code: `export function f(posts: { published: boolean }[]) {
  return posts.filter((p) => p.published);
}`,
    },
    {
      name: "slice from an offset is not a limit",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany();
  return posts.slice(1);
}`,
    },
    {
      name: "a Set kept for lookups is not a deduplication",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(ids: number[]) {
  const rows = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}`,
    },
    {
      name: "a filter per item of another list groups one batch (no second query could do it)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(notifications: { id: number }[]) {
  const links = await prisma.link.findMany({ where: { notificationId: { in: notifications.map((n) => n.id) } } });
  return notifications.map((n) => ({ ...n, links: links.filter((l) => l.notificationId === n.id) }));
}`,
    },
    {
      name: "a filter inside a loop body is a per-item lookup",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(ids: number[]) {
  const rows = await prisma.post.findMany();
  for (const id of ids) console.log(rows.find((r) => r.authorId === id));
}`,
    },
    {
      name: "a condition between two columns of the row",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const orgs = await prisma.organisation.findMany({ select: { id: true, seats: true, _count: { select: { members: true } } } });
  return orgs.filter((o) => o._count.members > o.seats);
}`,
    },
    {
      name: "options the analyzer cannot read may page",
      code: `import { User } from './models';
export async function f(options: object) {
  const users = await User.findAll({ where: { active: true }, ...options });
  return users.filter((u) => u.role === 'admin');
}`,
    },
    {
      name: "ignoreModels",
      options: [{"ignoreModels":["country"]}],
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(code: string) {
  return (await prisma.country.findMany()).find((c) => c.code === code);
}`,
    },
  ],
  invalid: [
    {
      name: "Prisma: filter on a field equal to an outer value (suggestion)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  const users = await prisma.user.findMany({ where: { active: true } });
  return users.filter((u) => u.email === email);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.user.findMany(…)","orm":"Prisma","hint":"where / orderBy / take","method":".filter()","action":"discards some of them"},
          line: 5, column: 10, endLine: 5, endColumn: 48,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  const users = await prisma.user.findMany({ where: { active: true, email } });
  return users;
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: find becomes a filtered query and [0]",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  return (await prisma.user.findMany()).find((u) => u.email === email);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.user.findMany()","orm":"Prisma","hint":"where / orderBy / take","method":".find()","action":"searches them for one"},
          line: 4, column: 10, endLine: 4, endColumn: 71,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f(email: string) {
  return (await prisma.user.findMany({ where: { email } }))[0];
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: some becomes a filtered query and a length test",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.post.findMany()).some((p) => p.published);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.post.findMany()","orm":"Prisma","hint":"where / orderBy / take","method":".some()","action":"tests them one by one"},
          line: 4, column: 10, endLine: 4, endColumn: 65,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.post.findMany({ where: { published: true } })).length > 0;
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: sort by a field descending",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany({ where: { published: true } });
  return posts.sort((a, b) => b.score - a.score);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.post.findMany(…)","orm":"Prisma","hint":"where / orderBy / take","method":".sort()","action":"sorts them"},
          line: 5, column: 10, endLine: 5, endColumn: 49,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany({ where: { published: true }, orderBy: { score: 'desc' } });
  return posts;
}` },
          ],
        },
      ],
    },
    {
      name: "Prisma: slice(0, n) → take (fix)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany({ orderBy: { createdAt: 'desc' } });
  return posts.slice(0, 10);
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany({ orderBy: { createdAt: 'desc' }, take: 10 });
  return posts;
}`,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.post.findMany(…)","orm":"Prisma","hint":"where / orderBy / take","method":".slice()","action":"keeps the first few"},
          line: 5, column: 10, endLine: 5, endColumn: 28,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: only the first row of an ordered query → take: 1 (fix)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const latest = (await prisma.post.findMany({ orderBy: { createdAt: 'desc' } }))[0];
  return latest;
}`,
      output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const latest = (await prisma.post.findMany({ orderBy: { createdAt: 'desc' }, take: 1 }))[0];
  return latest;
}`,
      errors: [
        {
          messageId: 'firstOnly',
          data: {"call":"prisma.post.findMany(…)","orm":"Prisma","hint":"where / orderBy / take"},
          line: 4, column: 25, endLine: 4, endColumn: 81,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: a predicate that cannot move (report only)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return (await prisma.post.findMany()).filter((p) => p.title.startsWith('A'));
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.post.findMany()","orm":"Prisma","hint":"where / orderBy / take","method":".filter()","action":"discards some of them"},
          line: 4, column: 10, endLine: 4, endColumn: 79,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: a value declared after the query cannot move (report only)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany();
  const wanted = 'draft';
  return posts.filter((p) => p.status === wanted);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.post.findMany()","orm":"Prisma","hint":"where / orderBy / take","method":".filter()","action":"discards some of them"},
          line: 6, column: 10, endLine: 6, endColumn: 50,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: the filter key is already in where (report only)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const posts = await prisma.post.findMany({ where: { status: 'draft' } });
  return posts.filter((p) => p.status === 'published');
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.post.findMany(…)","orm":"Prisma","hint":"where / orderBy / take","method":".filter()","action":"discards some of them"},
          line: 5, column: 10, endLine: 5, endColumn: 55,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: deduplication in memory (report only)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  const orders = await prisma.order.findMany();
  return [...new Set(orders.map((o) => o.customerId))];
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.order.findMany()","orm":"Prisma","hint":"where / orderBy / take","method":"new Set()","action":"deduplicates them"},
          line: 5, column: 22, endLine: 5, endColumn: 53,
          suggestions: [],
        },
      ],
    },
    {
      name: "Prisma: deduplication with Array.from (report only)",
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function f() {
  return Array.from(new Set((await prisma.order.findMany()).map((o) => o.customerId)));
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.order.findMany()","orm":"Prisma","hint":"where / orderBy / take","method":"new Set()","action":"deduplicates them"},
          line: 4, column: 29, endLine: 4, endColumn: 85,
          suggestions: [],
        },
      ],
    },
    {
      name: "TypeORM: filter into where",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const users = await this.userRepository.find({ where: { active: true } });
    return users.filter((u) => u.role === 'admin');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"this.userRepository.find(…)","orm":"TypeORM","hint":"where / order / take","method":".filter()","action":"discards some of them"},
          line: 6, column: 12, endLine: 6, endColumn: 51,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const users = await this.userRepository.find({ where: { active: true, role: 'admin' } });
    return users;
  }
}` },
          ],
        },
      ],
    },
    {
      name: "TypeORM: findBy + sort → find with where and order",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    return (await this.userRepository.findBy({ active: true })).sort((a, b) => a.name.localeCompare(b.name));
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"this.userRepository.findBy(…)","orm":"TypeORM","hint":"where / order / take","method":".sort()","action":"sorts them"},
          line: 5, column: 12, endLine: 5, endColumn: 109,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    return await this.userRepository.find({ where: { active: true }, order: { name: 'ASC' } });
  }
}` },
          ],
        },
      ],
    },
    {
      name: "TypeORM: query builder slice → take (fix)",
      code: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const rows = await this.userRepository.createQueryBuilder('u').orderBy('u.id').getMany();
    return rows.slice(0, 5);
  }
}`,
      output: `import { Repository } from 'typeorm';
export class S {
  constructor(private readonly userRepository: Repository<User>) {}
  async f() {
    const rows = await this.userRepository.createQueryBuilder('u').orderBy('u.id').take(5).getMany();
    return rows;
  }
}`,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"this.userRepository.createQueryBuilder('u').orderBy('u.id').getMany()","orm":"TypeORM","hint":"where / order / take","method":".slice()","action":"keeps the first few"},
          line: 6, column: 12, endLine: 6, endColumn: 28,
          suggestions: [],
        },
      ],
    },
    {
      name: "Sequelize: sort → order",
      code: `import { Post } from './models';
export async function f() {
  const posts = await Post.findAll({ where: { published: true } });
  return posts.sort((a, b) => b.views - a.views);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"Post.findAll(…)","orm":"Sequelize","hint":"where / order / limit","method":".sort()","action":"sorts them"},
          line: 4, column: 10, endLine: 4, endColumn: 49,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { Post } from './models';
export async function f() {
  const posts = await Post.findAll({ where: { published: true }, order: [['views', 'DESC']] });
  return posts;
}` },
          ],
        },
      ],
    },
    {
      name: "Drizzle: filter → where(eq()) with the import",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  return (await db.select().from(posts)).filter((p) => p.published);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"db.select().from(…)","orm":"Drizzle","hint":".where() / .orderBy() / .limit()","method":".filter()","action":"discards some of them"},
          line: 5, column: 10, endLine: 5, endColumn: 68,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { posts } from './schema';
import { eq } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL!);
export async function f() {
  return await db.select().from(posts).where(eq(posts.published, true));
}` },
          ],
        },
      ],
    },
    {
      name: "Drizzle: limit goes before an .all() terminal (fix)",
      code: `import { drizzle } from 'drizzle-orm/libsql';
import { desc } from 'drizzle-orm';
import { posts } from './schema';
const db = drizzle({ connection: { url: process.env.DB_URL! } });
export async function f() {
  const rows = await db.select().from(posts).orderBy(desc(posts.id)).all();
  return rows.slice(0, 5);
}`,
      output: `import { drizzle } from 'drizzle-orm/libsql';
import { desc } from 'drizzle-orm';
import { posts } from './schema';
const db = drizzle({ connection: { url: process.env.DB_URL! } });
export async function f() {
  const rows = await db.select().from(posts).orderBy(desc(posts.id)).limit(5).all();
  return rows;
}`,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"db.select().from(…).orderBy(…).all()","orm":"Drizzle","hint":".where() / .orderBy() / .limit()","method":".slice()","action":"keeps the first few"},
          line: 7, column: 10, endLine: 7, endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      name: "Drizzle: a second condition joins the first with and()",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(authorId: number) {
  const rows = await db.select().from(posts).where(eq(posts.published, true));
  return rows.filter((p) => p.authorId === authorId);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"db.select().from(…).where(…)","orm":"Drizzle","hint":".where() / .orderBy() / .limit()","method":".filter()","action":"discards some of them"},
          line: 7, column: 10, endLine: 7, endColumn: 53,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, and } from 'drizzle-orm';
import { posts } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function f(authorId: number) {
  const rows = await db.select().from(posts).where(and(eq(posts.published, true), eq(posts.authorId, authorId)));
  return rows;
}` },
          ],
        },
      ],
    },
    {
      name: "Drizzle: relational findMany + sort",
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });
export async function f() {
  const rows = await db.query.posts.findMany();
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"db.query.posts.findMany()","orm":"Drizzle","hint":".where() / .orderBy() / .limit()","method":".sort()","action":"sorts them"},
          line: 6, column: 10, endLine: 6, endColumn: 56,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });
export async function f() {
  const rows = await db.query.posts.findMany({ orderBy: (posts, { asc }) => [asc(posts.createdAt)] });
  return rows;
}` },
          ],
        },
      ],
    },
    {
      name: "MikroORM: filter into the filter object",
      code: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f() {
    return (await this.em.find(User, { active: true })).filter((u) => u.role === 'admin');
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"this.em.find(…)","orm":"MikroORM","hint":"where / orderBy / limit","method":".filter()","action":"discards some of them"},
          line: 5, column: 12, endLine: 5, endColumn: 90,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { EntityManager } from '@mikro-orm/postgresql';
export class S {
  constructor(private readonly em: EntityManager) {}
  async f() {
    return await this.em.find(User, { active: true, role: 'admin' });
  }
}` },
          ],
        },
      ],
    },
    {
      name: "Knex: filter → where",
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(role: string) {
  const rows = await db('users');
  return rows.filter((r) => r.role === role);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"db('users')","orm":"Knex","hint":".where() / .orderBy() / .limit()","method":".filter()","action":"discards some of them"},
          line: 5, column: 10, endLine: 5, endColumn: 45,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function f(role: string) {
  const rows = await db('users').where('role', role);
  return rows;
}` },
          ],
        },
      ],
    },
    {
      name: "Kysely: sort → orderBy",
      code: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f() {
  const rows = await db.selectFrom('users').selectAll().execute();
  return rows.sort((a, b) => a.age - b.age);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"db.selectFrom('users').selectAll().execute()","orm":"Kysely","hint":".where() / .orderBy() / .limit()","method":".sort()","action":"sorts them"},
          line: 5, column: 10, endLine: 5, endColumn: 44,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { Kysely } from 'kysely';
declare const db: Kysely<any>;
export async function f() {
  const rows = await db.selectFrom('users').selectAll().orderBy('age', 'asc').execute();
  return rows;
}` },
          ],
        },
      ],
    },
    {
      name: "Objection: find → where + [0]",
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function f(name: string) {
  return (await Person.query()).find((p) => p.name === name);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"Person.query()","orm":"Objection","hint":".where() / .orderBy() / .limit()","method":".find()","action":"searches them for one"},
          line: 4, column: 10, endLine: 4, endColumn: 61,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { Model } from 'objection';
class Person extends Model {}
export async function f(name: string) {
  return (await Person.query().where('name', name))[0];
}` },
          ],
        },
      ],
    },
    {
      name: "Mongoose: slice → limit (fix)",
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  const docs = await User.find({}).sort({ createdAt: -1 });
  return docs.slice(0, 5);
}`,
      output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f() {
  const docs = await User.find({}).sort({ createdAt: -1 }).limit(5);
  return docs;
}`,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"User.find(…).sort(…)","orm":"Mongoose","hint":"the filter / .sort() / .limit()","method":".slice()","action":"keeps the first few"},
          line: 5, column: 10, endLine: 5, endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      name: "Mongoose: filter into the filter object",
      code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f(role: string) {
  return (await User.find({ active: true }).exec()).filter((u) => u.role === role);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"User.find(…).exec()","orm":"Mongoose","hint":"the filter / .sort() / .limit()","method":".filter()","action":"discards some of them"},
          line: 4, column: 10, endLine: 4, endColumn: 83,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
export async function f(role: string) {
  return await User.find({ active: true, role }).exec();
}` },
          ],
        },
      ],
    },
  ],
});

// Without TypeScript (espree, CommonJS): nothing throws, reports stay the same.
jsRuleTester.run('no-in-memory-filter (espree)', rule, {
  valid: [
  ],
  invalid: [
    {
      name: "espree: Prisma in CommonJS",
      code: `const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
async function published() {
  return (await prisma.post.findMany()).filter((p) => p.published);
}`,
      output: null,
      errors: [
        {
          messageId: 'inMemory',
          data: {"call":"prisma.post.findMany()","orm":"Prisma","hint":"where / orderBy / take","method":".filter()","action":"discards some of them"},
          line: 4, column: 10, endLine: 4, endColumn: 67,
          suggestions: [
            { messageId: 'useQuery', data: {"note":" (check that the database compares and orders values as JavaScript did)"}, output: `const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
async function published() {
  return await prisma.post.findMany({ where: { published: true } });
}` },
          ],
        },
      ],
    },
  ],
});
