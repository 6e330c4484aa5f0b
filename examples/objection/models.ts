import { Model } from 'objection';

export class Person extends Model {
  static tableName = 'persons';
  id!: number;
  parentId!: number;
}

export class Pet extends Model {
  static tableName = 'pets';
  id!: number;
  ownerId!: number;
}
