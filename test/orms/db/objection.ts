// Objection 3.1 on Knex + better-sqlite3. Example imports: `import { User, Post, Comment, knex } from './db'`.
import knexFactory from 'knex';
import { Model, type RelationMappings } from 'objection';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export { raw, ref } from 'objection';

export const knex = knexFactory({
  client: 'better-sqlite3',
  connection: { filename: caseDatabaseFile() },
  useNullAsDefault: true,
  pool: { min: 1, max: 1 },
});
Model.knex(knex);

export class User extends Model {
  static override tableName = 'users';
  id!: number;
  name!: string;
  email!: string;
  score!: number;
  posts?: Post[];
  comments?: Comment[];

  static override get relationMappings(): RelationMappings {
    return {
      posts: { relation: Model.HasManyRelation, modelClass: Post, join: { from: 'users.id', to: 'posts.author_id' } },
      comments: { relation: Model.HasManyRelation, modelClass: Comment, join: { from: 'users.id', to: 'comments.author_id' } },
    };
  }
}

export class Post extends Model {
  static override tableName = 'posts';
  id!: number;
  title!: string;
  author_id!: number;
  published!: number;
  views!: number;
  author?: User;
  comments?: Comment[];

  static override get relationMappings(): RelationMappings {
    return {
      author: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'posts.author_id', to: 'users.id' } },
      comments: { relation: Model.HasManyRelation, modelClass: Comment, join: { from: 'posts.id', to: 'comments.post_id' } },
    };
  }
}

export class Comment extends Model {
  static override tableName = 'comments';
  id!: number;
  body!: string;
  post_id!: number;
  author_id!: number;
  post?: Post;
  author?: User;

  static override get relationMappings(): RelationMappings {
    return {
      post: { relation: Model.BelongsToOneRelation, modelClass: Post, join: { from: 'comments.post_id', to: 'posts.id' } },
      author: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: 'comments.author_id', to: 'users.id' } },
    };
  }
}

export const __harness: HarnessHooks = {
  async warm() {
    await User.query().select('id').orderBy('id').limit(1);
  },
  async close() {
    await knex.destroy();
  },
};
