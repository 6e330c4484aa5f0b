import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity()
export class User {
  @PrimaryKey() id!: number;
  @Property() name!: string;
}

@Entity()
export class Article {
  @PrimaryKey() id!: number;
  @Property() title!: string;
  @Property() authorId!: number;
}
