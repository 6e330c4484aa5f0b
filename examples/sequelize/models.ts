import { DataTypes, Model, Sequelize } from 'sequelize';

export const sequelize = new Sequelize('sqlite::memory:');

export class User extends Model {
  declare id: number;
  declare name: string;
}
User.init({ name: DataTypes.STRING }, { sequelize });

export class Post extends Model {
  declare id: number;
  declare authorId: number;
}
Post.init({ authorId: DataTypes.INTEGER }, { sequelize });
Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
