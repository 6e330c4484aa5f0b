import { drizzle } from './drizzle.js';
import { knex } from './knex.js';
import { kysely } from './kysely.js';
import { mikroorm } from './mikroorm.js';
import { mongoose } from './mongoose.js';
import { objection } from './objection.js';
import { prisma } from './prisma.js';
import { sequelize } from './sequelize.js';
import { typeorm } from './typeorm.js';
import type { OrmId, OrmModule } from './types.js';

/**
 * Every supported ORM. Order breaks ties between equally strong matches of an ambiguous shape: the
 * more distinctive vocabularies come first.
 */
export const ORM_MODULES: readonly OrmModule[] = [prisma, drizzle, kysely, typeorm, mikroorm, objection, knex, sequelize, mongoose];

export function ormModule(id: OrmId): OrmModule {
  for (const mod of ORM_MODULES) if (mod.id === id) return mod;
  throw new Error(`unknown ORM ${id}`);
}

/** Union of the method names any module looks at: calls with other names are skipped at once. */
export const ALL_METHOD_NAMES: ReadonlySet<string> = new Set(ORM_MODULES.flatMap((m) => [...m.methodNames]));

/** Whether any module looks at calls named `name` (by list or by pattern). */
export function isMethodOfInterest(name: string): boolean {
  if (ALL_METHOD_NAMES.has(name)) return true;
  for (const mod of ORM_MODULES) if (mod.methodPattern?.test(name) === true) return true;
  return false;
}
