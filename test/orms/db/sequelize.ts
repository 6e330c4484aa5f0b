// Sequelize 6 over sqlite3 (better-sqlite3 does not work as Sequelize's dialectModule).
// Example imports: `import { sequelize, User, Post, Comment, Op } from './db'`.
import { DataTypes, Model, Sequelize, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute } from 'sequelize';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export { Op, fn, col, literal, where } from 'sequelize';

export const sequelize = new Sequelize({
  dialect: 'sqlite',
  storage: caseDatabaseFile(),
  logging: false,
  pool: { min: 1, max: 1 },
});

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare email: string;
  declare score: CreationOptional<number>;
  declare posts?: NonAttribute<Post[]>;
  declare comments?: NonAttribute<Comment[]>;
}

export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare authorId: number;
  declare published: CreationOptional<boolean>;
  declare views: CreationOptional<number>;
  declare author?: NonAttribute<User>;
  declare comments?: NonAttribute<Comment[]>;
}

export class Comment extends Model<InferAttributes<Comment>, InferCreationAttributes<Comment>> {
  declare id: CreationOptional<number>;
  declare body: string;
  declare postId: number;
  declare authorId: number;
  declare post?: NonAttribute<Post>;
  declare author?: NonAttribute<User>;
}

User.init(
  {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.TEXT, allowNull: false },
    email: { type: DataTypes.TEXT, allowNull: false },
    score: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  },
  { sequelize, modelName: 'User', tableName: 'users', timestamps: false },
);

Post.init(
  {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    title: { type: DataTypes.TEXT, allowNull: false },
    authorId: { type: DataTypes.INTEGER, allowNull: false, field: 'author_id' },
    published: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    views: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  },
  { sequelize, modelName: 'Post', tableName: 'posts', timestamps: false },
);

Comment.init(
  {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    body: { type: DataTypes.TEXT, allowNull: false },
    postId: { type: DataTypes.INTEGER, allowNull: false, field: 'post_id' },
    authorId: { type: DataTypes.INTEGER, allowNull: false, field: 'author_id' },
  },
  { sequelize, modelName: 'Comment', tableName: 'comments', timestamps: false },
);

User.hasMany(Post, { foreignKey: 'authorId', as: 'posts' });
Post.belongsTo(User, { foreignKey: 'authorId', as: 'author' });
Post.hasMany(Comment, { foreignKey: 'postId', as: 'comments' });
Comment.belongsTo(Post, { foreignKey: 'postId', as: 'post' });
User.hasMany(Comment, { foreignKey: 'authorId', as: 'comments' });
Comment.belongsTo(User, { foreignKey: 'authorId', as: 'author' });

export const __harness: HarnessHooks = {
  async warm() {
    await sequelize.authenticate();
    await User.findAll({ limit: 1, order: [['id', 'ASC']] });
  },
  async close() {
    await sequelize.close();
  },
};
