import type { TSESLint } from '@typescript-eslint/utils';
import { ORM_IDS, type ClientRole, type OrmId } from './orm/types.js';

/**
 * `settings.orm` in the user's ESLint config:
 *
 * ```js
 * settings: {
 *   orm: {
 *     // import sources whose exports are this ORM's clients or models
 *     modules: { '~/lib/db': 'prisma', '@acme/database': 'drizzle' },
 *     // receivers (identifier or dotted path) that are clients
 *     clients: { db: 'kysely', 'ctx.db': 'prisma', 'this.store': 'typeorm' },
 *     // columns that identify one row besides the primary key; `Model.column` limits one to a model
 *     uniqueColumns: ['email', 'User.username'],
 *   },
 * }
 * ```
 *
 * A client value may also be `{ orm, role }` where role is one of `client`, `transaction`,
 * `repository`, `manager`, `model`. Unknown ORM names and malformed entries are ignored.
 */
export interface OrmSettings {
  readonly modules: ReadonlyMap<string, OrmId>;
  readonly clients: ReadonlyMap<string, { readonly orm: OrmId; readonly role: ClientRole }>;
  readonly uniqueColumns: readonly string[];
}

const ROLES: ReadonlySet<string> = new Set(['client', 'transaction', 'repository', 'manager', 'model']);

function isOrmId(value: unknown): value is OrmId {
  return typeof value === 'string' && (ORM_IDS as readonly string[]).includes(value);
}

/** Reads and validates `settings.orm`; never throws on bad input. (Read once per file, by the analysis.) */
export function readSettings(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): OrmSettings {
  return parseSettings((context.settings as Record<string, unknown> | undefined)?.orm);
}

function parseSettings(raw: unknown): OrmSettings {
  const modules = new Map<string, OrmId>();
  const clients = new Map<string, { orm: OrmId; role: ClientRole }>();
  const uniqueColumns: string[] = [];
  if (raw && typeof raw === 'object') {
    const { modules: rawModules, clients: rawClients, uniqueColumns: rawUnique } = raw as Record<string, unknown>;
    if (Array.isArray(rawUnique)) for (const column of rawUnique) if (typeof column === 'string') uniqueColumns.push(column);
    if (rawModules && typeof rawModules === 'object') {
      for (const [source, orm] of Object.entries(rawModules)) if (isOrmId(orm)) modules.set(source, orm);
    }
    if (rawClients && typeof rawClients === 'object') {
      for (const [name, value] of Object.entries(rawClients)) {
        if (isOrmId(value)) clients.set(name, { orm: value, role: 'client' });
        else if (value && typeof value === 'object') {
          const { orm, role } = value as Record<string, unknown>;
          if (isOrmId(orm)) clients.set(name, { orm, role: typeof role === 'string' && ROLES.has(role) ? (role as ClientRole) : 'client' });
        }
      }
    }
  }
  return { modules, clients, uniqueColumns };
}
