// Knex 3 over better-sqlite3. Example imports: `import { knex } from './db'`.
import knexFactory from 'knex';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export interface UserRow { id: number; name: string; email: string; score: number }
export interface PostRow { id: number; title: string; author_id: number; published: number; views: number }
export interface CommentRow { id: number; body: string; post_id: number; author_id: number }

export const knex = knexFactory({
  client: 'better-sqlite3',
  connection: { filename: caseDatabaseFile() },
  useNullAsDefault: true,
  pool: { min: 1, max: 1 },
});

export const __harness: HarnessHooks = {
  async warm() {
    await knex.raw('select 1');
  },
  async close() {
    await knex.destroy();
  },
};
