import knexFactory from 'knex';

export const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: 'blog.db' }, useNullAsDefault: true });
