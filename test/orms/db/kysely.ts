// Kysely 0.28 with SqliteDialect over better-sqlite3. Example imports: `import { db, sql } from './db'`.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export { sql } from 'kysely';
export { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/sqlite';

export interface UsersTable { id: Generated<number>; name: string; email: string; score: Generated<number> }
export interface PostsTable { id: Generated<number>; title: string; author_id: number; published: Generated<number>; views: Generated<number> }
export interface CommentsTable { id: Generated<number>; body: string; post_id: number; author_id: number }
export interface DB { users: UsersTable; posts: PostsTable; comments: CommentsTable }

export const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: new Database(caseDatabaseFile()) }),
});

export const __harness: HarnessHooks = {
  async warm() {
    await db.selectFrom('users').select('id').limit(1).execute();
  },
  async close() {
    await db.destroy();
  },
};
