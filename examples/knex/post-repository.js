import { knex } from './db.js';

// BAD: one query per post, inside a map callback.
export async function authorsOf(posts) {
  return Promise.all(posts.map((post) => knex('users').where('id', post.author_id).first()));
}

// GOOD: one whereIn query.
export async function authorsOfBatched(posts) {
  return knex('users').whereIn('id', posts.map((post) => post.author_id));
}

// GOOD: paging through a table in batches is not N+1.
export async function forEachUserBatch(handle) {
  let offset = 0;
  while (true) {
    const batch = await knex('users').orderBy('id').limit(500).offset(offset);
    if (batch.length === 0) break;
    await handle(batch);
    offset += batch.length;
  }
}
