import { Kysely, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';

interface DB {
  users: { id: number; name: string };
  posts: { id: number; title: string; author_id: number };
}

export const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database('blog.db') }) });
