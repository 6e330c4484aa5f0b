// Prisma 7 (generator `prisma-client`, output test/orms/generated/prisma) with the better-sqlite3
// driver adapter. Example imports: `import { prisma, Prisma } from './db'`.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export { Prisma } from '../generated/prisma/client.js';
export type { Comment, Post, User } from '../generated/prisma/client.js';

export const prisma = new PrismaClient({
  adapter: new PrismaBetterSqlite3({ url: `file:${caseDatabaseFile()}` }),
});

export const __harness: HarnessHooks = {
  async warm() {
    await prisma.$connect();
    await prisma.user.findFirst({ orderBy: { id: 'asc' } });
  },
  async close() {
    await prisma.$disconnect();
  },
};
