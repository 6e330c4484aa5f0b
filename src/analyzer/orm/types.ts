import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { TransactionCallback } from '../bindings.js';
import type { Splice } from '../fixes.js';
import type { ItemScope } from '../item-scope.js';

export type { Splice };

export type OrmId =
  | 'prisma'
  | 'typeorm'
  | 'sequelize'
  | 'drizzle'
  | 'mikroorm'
  | 'knex'
  | 'kysely'
  | 'objection'
  | 'mongoose';

export const ORM_IDS: readonly OrmId[] = [
  'prisma',
  'typeorm',
  'sequelize',
  'drizzle',
  'mikroorm',
  'knex',
  'kysely',
  'objection',
  'mongoose',
];

/**
 * What a call does to the database.
 * - `read-one` / `read-many`: fetch rows; `count`, `exists`, `aggregate`: one scalar row.
 * - `write-one` / `write-many`: INSERT/UPDATE/DELETE of one row or of a set.
 * - `relation-load`: a lazy relation of an already loaded row.
 * - `flush`: sends queued unit-of-work changes (MikroORM `flush`).
 * - `schedule`: queues work without sending SQL (MikroORM `persist`, `create`).
 * - `raw`: hand-written SQL.
 */
export type Operation =
  | 'read-one'
  | 'read-many'
  | 'count'
  | 'exists'
  | 'aggregate'
  | 'write-one'
  | 'write-many'
  | 'relation-load'
  | 'flush'
  | 'schedule'
  | 'raw';

/**
 * How we know a call is an ORM query, strongest first.
 * - `type`: the type checker resolved the method to an ORM declaration.
 * - `import`: the receiver traces, through scope analysis, to an ORM import, an ORM type annotation or a
 *   module named in `settings.orm`.
 * - `shape`: a call shape only this ORM has (`client.model.findMany({...})`, `qb.getMany()`), or a
 *   receiver whose name/annotation names the ORM.
 * - `name`: only the method name matches; rules never report on this alone.
 */
export type Evidence = 'type' | 'import' | 'shape' | 'name';

export const EVIDENCE_RANK: Readonly<Record<Evidence, number>> = { type: 3, import: 2, shape: 1, name: 0 };

/** When a query is sent to the database. */
export type Execution =
  /** the call itself sends it (native Promise: Sequelize, TypeORM repositories, MikroORM `em`). */
  | 'eager'
  /** a thenable builder/PrismaPromise: sent on `await`/`then`. */
  | 'thenable'
  /** not thenable: only a terminal call sends it (TypeORM QB, Kysely). The call is the terminal. */
  | 'terminal'
  /** a non-thenable builder without its terminal call: it sends nothing, even when awaited. */
  | 'inert';

/** One link of a member/call chain such as `knex('users').where(x).first()`. */
export type ChainLink =
  | { readonly kind: 'prop'; readonly name: string; readonly node: TSESTree.MemberExpression }
  | {
      readonly kind: 'call';
      /** method name, or undefined for a direct call of the base (`knex('users')`). */
      readonly name: string | undefined;
      readonly node: TSESTree.CallExpression;
      readonly args: readonly TSESTree.CallExpressionArgument[];
    };

export interface Chain {
  /** The expression the chain starts from (`prisma`, `this`, `knex`, `User`). */
  readonly base: TSESTree.Expression;
  readonly links: readonly ChainLink[];
}

/** What a receiver expression is, as far as the analyzer can tell. */
export interface Origin {
  readonly orm: OrmId;
  readonly role: ClientRole;
  readonly evidence: Evidence;
  /** For model classes and repositories: the entity/model name (`User`). */
  readonly model?: string | undefined;
}

export type ClientRole =
  /** A root client: PrismaClient, Drizzle db, Kysely, Knex instance, DataSource, Sequelize instance. */
  | 'client'
  /** A transaction handle passed to a callback (`tx`, `trx`, `manager`). */
  | 'transaction'
  /** TypeORM/MikroORM repository bound to one entity. */
  | 'repository'
  /** TypeORM/MikroORM entity manager. */
  | 'manager'
  /** A model class with static query methods (Sequelize, Objection, TypeORM BaseEntity, Mongoose model). */
  | 'model'
  /** A loaded row/entity/document (instance methods: save, getAuthor, $relatedQuery…). */
  | 'row'
  /** An ORM export that makes clients or models (`drizzle`, `knex`, `mongoose`, `MikroORM`). */
  | 'factory';

/** Services an ORM module may use to judge a chain. */
export interface RecognizeContext {
  /** What `expr` is (client, model, …), or undefined. Cached. */
  originOf(expr: TSESTree.Expression): Origin | undefined;
  /** Whether the file imports the ORM's packages (a tie-breaker for ambiguous shapes). */
  fileImports(orm: OrmId): boolean;
  /** Source text of a node. */
  text(node: TSESTree.Node): string;
  /**
   * What row `expr` is: an item of an iteration over a query's rows, or the awaited result of a
   * read-one query (`const post = await Post.findByPk(id)`). Modules use it for instance methods of
   * rows (`post.getAuthor()`, `doc.populate('author')`); `originOf` never returns rows.
   */
  rowOf?(expr: TSESTree.Expression): Origin | undefined;
  /** Type facts about relations, when typed linting is on. */
  readonly types?: RelationTypes | null | undefined;
}

/** The few type questions relation recognition asks; answered by the analyzer's type oracle. */
export interface RelationTypes {
  /** The alias name of the type of `expr` (`BelongsToGetAssociationMixin`), if any. */
  aliasName(expr: TSESTree.Expression): string | undefined;
  /** Whether the type of `expr` has a property `name`; undefined when the checker does not know (any). */
  hasProperty(expr: TSESTree.Expression, name: string): boolean | undefined;
  /** Whether the type of `expr` is a promise. */
  isPromise(expr: TSESTree.Expression): boolean;
  /**
   * Whether the option object a call takes (first type parameter's constraint, or the parameter type)
   * has, along `path`, a property `name`: `prisma.post.findMany`, `['include']`, `'author'`.
   */
  optionHasKey(callee: TSESTree.Expression, argIndex: number, path: readonly string[], name: string): boolean | undefined;
  /** Whether the member read at `member` is declared with one of `decorators` (TypeORM `@ManyToOne`). */
  declaredWithDecorator(member: TSESTree.MemberExpression, decorators: ReadonlySet<string>): boolean | undefined;
}

export interface QueryMatch {
  readonly orm: OrmId;
  readonly operation: Operation;
  readonly evidence: Evidence;
  readonly execution: Execution;
  /** Model/table/entity (`user`, `User`, `users`), when visible. */
  readonly model?: string | undefined;
  /** The method that decides the operation (`findMany`, `first`, `getMany`). */
  readonly method: string;
  /** The link whose arguments hold the query options/filter (`findMany({...})`, `findOneBy({...})`). */
  readonly optionsCall?: TSESTree.CallExpression | undefined;
  /** For relation loads: the relation's name when known (`author`). */
  readonly relation?: string | undefined;
  /** The module already judged the call with the checker; the analyzer's generic type verdict is skipped. */
  readonly typeChecked?: boolean | undefined;
}

/** A recognised query with its chain: what eager-load hooks look at. */
export interface QueryRef extends QueryMatch {
  readonly node: TSESTree.CallExpression;
  readonly chain: Chain;
}

/**
 * How this ORM's query objects behave once built (orm-api-map.md, "Execution model at a glance"). Rules
 * about lazy queries read it; ORMs without lazy query objects (Sequelize) leave it out.
 */
export interface ExecutionModel {
  /**
   * What builder methods do: change the builder and return it (`mutable`), return a new builder
   * (`immutable`), or there is no builder to chain (`none`: Prisma's arguments are one object).
   */
  readonly builder: 'mutable' | 'immutable' | 'none';
  /** What executing the same query object a second time does. */
  readonly reexecution: 'runs-again' | 'memoised' | 'throws';
  /** Methods that send the query (or start sending it): `then`, `exec`, `getMany`, `execute`. */
  readonly executeMethods: ReadonlySet<string>;
  /** Methods that send the query only when called without arguments (Drizzle's SQLite `values()`). */
  readonly argumentlessExecuteMethods?: ReadonlySet<string>;
  /** Chain methods that return the builder (changed, or a new one for immutable builders). */
  readonly builderMethods: ReadonlySet<string>;
  /**
   * Methods whose result is not the query to run: SQL text (`toSQL`, `compile`), a subquery alias
   * (`as`), a prepared statement (`prepare`). A chain through one of them is used as a value.
   */
  readonly valueMethods: ReadonlySet<string>;
  /** Builder methods that turn the statement into another kind (`count`, `first`, `update`): the base is no longer the query it was. */
  readonly reshapeMethods?: ReadonlySet<string>;
  /** Builder methods whose result has the builder's own type, so `q = q.where(…)` type-checks. */
  readonly sameTypeMethods?: ReadonlySet<string>;
  /** The method that copies a builder (`clone`), when the ORM has one. */
  readonly cloneMethod?: string;
  /** Changing a builder after it ran throws (MikroORM: "already finalized, clone it first"). */
  readonly frozenAfterRun?: boolean;
  /** Execute methods that run a copy, or read without marking the object as run: the builder stays as it was (MikroORM `getCount()`, Mongoose `cursor()`). */
  readonly copyingExecuteMethods?: ReadonlySet<string>;
  /** A function as the last argument of the first call runs the query (Mongoose's callback API before 7). */
  readonly callbackRuns?: boolean;
  /** Type names (last segment) of this ORM's builders: a receiver annotated so is a builder the code already holds. */
  readonly builderTypeNames?: RegExp;
  /** Terminal calls that run a non-thenable builder, best first for this query (`getMany()`, `execute()`). */
  terminalsFor?(match: QueryMatch, chain: Chain): readonly string[];
}

export interface OrmModule {
  readonly id: OrmId;
  /** Display name for messages. */
  readonly name: string;
  /** Import sources that belong to this ORM (exact names or prefixes ending in `/`). */
  readonly packages: readonly string[];
  /** Method names worth a look; the analyzer skips calls whose head name no module lists. */
  readonly methodNames: ReadonlySet<string>;
  /** Method names worth a look beyond `methodNames` (Sequelize association getters `getAuthor`). */
  readonly methodPattern?: RegExp;
  /** Classify a chain ending at a call; undefined when it is not this ORM's query. */
  recognize(chain: Chain, ctx: RecognizeContext): QueryMatch | undefined;
  /** Names exported by the ORM's packages that are clients or factories (`default`, `drizzle`, `PrismaClient`). */
  readonly exports: Readonly<Record<string, ClientRole>>;
  /**
   * Members of an origin that give another origin: `dataSource.getRepository(User)` → repository,
   * `orm.em` → manager, `mongoose.model(...)` → model, `new PrismaClient()` → client (key `new`).
   */
  readonly derived: Readonly<Partial<Record<ClientRole, Readonly<Record<string, ClientRole>>>>>;
  /** Type annotation names (last segment) that make a parameter/property this ORM's client. */
  readonly typeNames: Readonly<Record<string, ClientRole>>;
  /** Type names distinctive enough to trust without an import (`PrismaClient`, `Kysely`). */
  readonly distinctiveTypeNames?: RegExp;
  /** Base classes (exported by the ORM) that make a class a model: `Model`, `BaseEntity`. */
  readonly baseClasses?: readonly string[];
  /** NestJS-style injection decorators: `@InjectRepository(User)` → repository. */
  readonly injectDecorators?: Readonly<Record<string, ClientRole>>;
  /** Receiver names that are, by convention, this ORM's client (used at `shape` evidence). */
  readonly clientNames?: RegExp;
  /** Transaction-callback method names on this ORM's client: the callback's first param is a tx handle. */
  readonly transactionMethods?: ReadonlySet<string>;
  /**
   * Short code hints for messages, in this ORM's API: the batched lookup, the eager-load form, the bulk
   * write, the atomic update, keyset pagination, and the single-query form of an IN list built from
   * another query's rows.
   */
  readonly hints: {
    readonly batch: string;
    /** One grouped count for all items (the batch form of a count per item). */
    readonly countBatch?: string;
    readonly eager: string;
    readonly bulk?: string;
    /** The bulk form of an upsert per item (or the nearest thing, for an ORM without one). */
    readonly upsertBulk?: string;
    /** One statement for updates that give each row its own values (or the nearest thing). */
    readonly updateEachBulk?: string;
    readonly atomic?: string;
    readonly keyset?: string;
    readonly subquery?: string;
  };
  /** Instance methods of loaded rows that send a query (`order.save()`, `doc.deleteOne()`): active-record ORMs only. */
  readonly rowMethods?: Readonly<Record<string, Operation>>;
  /** Rows loaded inside a transaction stay bound to it (Mongoose documents keep their session for `save()`). */
  readonly rowsKeepTransaction?: boolean;
  /** One bulk statement for a write repeated per item; undefined when no faithful form exists. */
  bulkWrite?(req: BulkWriteRequest): BulkWritePlan | undefined;
  /**
   * Read-modify-write: the atomic form of a write whose payload holds `row.n + k` (`value`), replacing
   * the expression in the write. Undefined when `req.value` is not a written value of this write.
   */
  atomicValue?(req: AtomicValueRequest): AtomicEdit | undefined;
  /** Read-modify-write: `row.n += k` then a write that persists the row, as atomic statements. */
  atomicRow?(req: AtomicRowRequest): AtomicRowEdit | undefined;
  /** The loop case: one statement that applies the change to every row the read selects. */
  bulkAtomic?(req: BulkAtomicRequest): { readonly text: string; readonly imports?: readonly (readonly [string, string])[] } | undefined;
  /**
   * Called for a query inside a transaction callback that does not mention the transaction handle:
   * undefined when it still takes part (context-propagating APIs), else how to make it take part.
   */
  outsideTransaction?(req: TransactionRequest): TransactionFix | undefined;
  /** The delegate method whose `where` argument type lists the model's unique keys (Prisma `findUnique`), for type-aware checks. */
  readonly uniqueLookupMethod?: string;
  /** The primary-key column assumed for orderings and unique lookups (`id`; Mongoose `_id`). */
  readonly primaryKey?: string;
  /** Query methods whose result is a list of one column's values, with the argument naming the column (`pluck: 0`). */
  readonly valueMethods?: Readonly<Record<string, number>>;
  /** Functions exported by the ORM's packages that build an IN condition anywhere: `In(list)`, `inArray(col, list)`. */
  readonly inOperators?: Readonly<Record<string, InOperator>>;
  /** Whether `node`, inside the arguments of `query` (one of this ORM's), is an IN condition, and its list. */
  inListAt?(node: TSESTree.Node, query: ShapeRequest): InListSite | undefined;
  /** The limit, offset, ordering and key filter of one of this ORM's queries (for the query-shape rules). */
  queryShape?(query: ShapeRequest): QueryShape | undefined;
  /** A subquery selecting `field` from the rows of `query` (to replace an IN list built from them), or undefined. */
  subquery?(query: ShapeRequest, field: string): string | undefined;
  /** How query objects behave once built: laziness, mutability, terminals; absent when every call runs at once. */
  readonly executionModel?: ExecutionModel;
  /** Batched rewrite of a per-item lookup; undefined when no faithful form exists. */
  batchLookup?(query: BatchRequest): BatchPlan | undefined;
  /** Methods whose result pairs rows with a count, and where the rows are: `findAndCount` → 0, `findAndCountAll` → `rows`. */
  readonly rowsPart?: Readonly<Record<string, number | string>>;
  /** Eager loading of relations, for ORMs that have relations (not Knex/Kysely). */
  readonly eager?: EagerSupport;
  /** Short code hints for the data-flow rules' messages (`count({ where })`), in this ORM's API. */
  readonly rowHints?: RowHints;
  /**
   * Properties of a loaded row that are the ORM's API, not columns (`dataValues`, `_doc`): code that reads
   * them reads the whole row.
   */
  readonly rowMembers?: ReadonlySet<string>;
  /** What an awaited query yields (an array of rows, one row, a number); undefined for anything else. */
  resultShape?(match: QueryMatch, chain: Chain): ResultShape | undefined;
  /** What the query's options say about its result (paging, projection, eager loads). */
  fetchShape?(req: RewriteRequest): FetchShape;
  /** The query rewritten to count its rows in the database; undefined when no faithful form exists. */
  countRewrite?(req: RewriteRequest): QueryRewrite | undefined;
  /** The cheapest existence test for the query's rows (or for a count's filter). */
  existsRewrite?(req: RewriteRequest): ExistsRewrite | undefined;
  /** The query rewritten to fetch only `fields` (the row properties the code reads). */
  selectRewrite?(req: RewriteRequest, fields: readonly string[]): QueryRewrite | undefined;
  /** The query with an in-memory filter, sort or slice moved into it. */
  refineRewrite?(req: RewriteRequest, refinement: Refinement): QueryRewrite | undefined;
}

/** How an ORM loads relations with the parent query, and how it loads them one row at a time. */
export interface EagerSupport {
  /** The eager-load option for `relation` in this ORM's API, for messages (`include: { author: true }`); `source` picks the form. */
  hint(relation: string, source?: QueryRef): string;
  /**
   * The relation of one row that a per-item call loads (`post.getAuthor()`, `post.$relatedQuery('author')`,
   * `prisma.user.findUnique({ where: { id: post.authorId } })`), or a lazy property read
   * (`await post.author`); undefined when it is not one.
   */
  relationLoad(req: RelationLoadRequest): RelationLoad | undefined;
  /**
   * Edits that make `source` (a read-many query) load `relation` with its rows: merged into an existing
   * include/relations/with/populate (inside an existing selection), or a new option. `[]` when it already
   * loads it; undefined when no faithful edit exists.
   */
  include(req: IncludeRequest): readonly Splice[] | undefined;
}

export interface RelationLoadRequest {
  /** The per-item query, when the load is a call the analyzer recognised. */
  readonly query?: QueryRef | undefined;
  /** The property read, for lazy properties (`post.author` in `await post.author`). */
  readonly member?: TSESTree.MemberExpression | undefined;
  /** The query the iterated rows come from, when visible. */
  readonly source?: QueryRef | undefined;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** Whether `node` is the per-item binding of an enclosing iteration (`post` in `for (const post of posts)`). */
  readonly isItem: (node: TSESTree.Node) => boolean;
  /** Whether `node` reads an item binding anywhere (such parts cannot move into the parent query). */
  readonly dependsOnItem: (node: TSESTree.Node) => boolean;
  /** Whether the iteration's bodies are issued in the same tick (`Promise.all(rows.map(…))`). */
  readonly concurrent: boolean;
  readonly ctx: RecognizeContext;
}

/** A per-item load of one relation of a loaded row. */
export interface RelationLoad {
  /** The row whose relation is loaded: `post` in `post.getAuthor()` or in `post.authorId`. */
  readonly owner: TSESTree.Expression;
  /** The relation's name on the owner's model. */
  readonly relation: string;
  /** When the API does not name the relation: what the name was derived from (`authorId`, `comment`). */
  readonly assumedFrom?: string | undefined;
  /** Whether the checker confirmed that the relation exists. */
  readonly confirmed?: boolean | undefined;
  /** The expression the loaded value replaces; default: the per-item call, with its `await`. */
  readonly target?: TSESTree.Node | undefined;
  /** Text of the loaded value (`post.author`); `null` when the per-item expression stays (it then reads the loaded relation). */
  readonly loaded: string | null;
  /** Options of the per-item query kept on the relation, as source text (`{ select: { name: true } }`). */
  readonly nested?: string | undefined;
  /** How sure the load is, when it is not the per-item query's evidence (lazy property reads). */
  readonly evidence?: Evidence | undefined;
  /** The per-item load is a whole statement whose value is unused (`await post.populate('author');`): remove it. */
  readonly removable?: boolean | undefined;
}

export interface IncludeRequest {
  readonly source: QueryRef;
  readonly relation: string;
  /** Options for the relation (`{ select: { name: true } }`), when the per-item query had some. */
  readonly nested?: string | undefined;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
}

export interface RowHints {
  readonly count: string;
  readonly exists: string;
  readonly select: string;
  readonly filter: string;
}

/**
 * The value an awaited query yields: `rows` (an array), `row` (one row, or null/undefined when none
 * matches), `number` (a count).
 */
export type ResultShape = 'rows' | 'row' | 'number';

/** What a query's options and chain say, as far as the code shows. */
export interface FetchShape {
  /** `take`/`skip`/`limit`/`offset`/`cursor`/`page`: the rows are a slice of the matching rows. */
  readonly paged: boolean;
  /** `distinct`/`groupBy`: rows are not one per matching record. */
  readonly grouped: boolean;
  /** No projection: every column is fetched (`select`, `attributes`, `fields`, `columns` absent). */
  readonly wholeRows: boolean;
  /** Relations loaded or tables joined (`include`, `relations`, `with`, `populate`, joins). */
  readonly relations: boolean;
  /** Options the analyzer cannot read (a variable, a spread, an unknown chain method). */
  readonly opaque: boolean;
  /** An explicit order (`orderBy`, `order`, `.sort()`): the first row is a choice, not any row. */
  readonly ordered?: boolean;
  /** A one-row read that still fetches every matching row (TypeORM `qb.getOne()`, Objection `first()`). */
  readonly overfetches?: boolean;
  /** Already this ORM's cheapest existence test (Knex `first()`, MikroORM `count()`): nothing to suggest. */
  readonly existsForm?: boolean;
}

/** A query the data-flow rules may rewrite. */
export interface RewriteRequest {
  readonly match: QueryMatch;
  readonly chain: Chain;
  /** The last call of the chain (the one awaited). */
  readonly call: TSESTree.CallExpression;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly isTypeScript: boolean;
}

export interface QueryRewrite {
  /** The expression that replaces the awaited query, `await` included (`await prisma.user.count({ where })`). */
  readonly text: string;
  /** The rewrite keeps behaviour (same rows, same value): it may be an autofix. */
  readonly exact: boolean;
  /** Named imports the text needs: [module, name]. */
  readonly imports?: readonly (readonly [string, string])[];
  /** Why the rewrite is not exact, for the suggestion message (`assumes the primary key is \`id\``). */
  readonly caveat?: string;
}

export interface ExistsRewrite extends QueryRewrite {
  /** What the new expression yields when no row matches: `false`, `null`, `undefined`, or an empty array. */
  readonly absent: 'false' | 'null' | 'undefined' | 'empty';
  /** For a one-row source: what the original query yields when no row matches. */
  readonly sourceAbsent?: 'null' | 'undefined';
}

/** An in-memory step that could move into the query. */
export type Refinement =
  /** `rows.filter((r) => r.field === value)`; `value` is text that can be evaluated before the query. */
  | { readonly kind: 'equals'; readonly field: string; readonly value: string }
  /** `rows.filter((r) => r.flag)` on a boolean column. */
  | { readonly kind: 'true'; readonly field: string }
  /** `rows.sort((a, b) => a.field - b.field)`. */
  | { readonly kind: 'order'; readonly field: string; readonly direction: 'asc' | 'desc' }
  /** `rows.slice(0, n)`, `rows[0]`. */
  | { readonly kind: 'take'; readonly count: string };

/** A per-item lookup `find(key = item.field)` that could become one query over all keys. */
export interface BatchRequest {
  readonly match: QueryMatch;
  readonly chain: Chain;
  readonly call: TSESTree.CallExpression;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** Whether `node` is the per-item key (an expression that reads the iteration item). */
  isItemKey(node: TSESTree.Node): boolean;
  /** Whether `node` reads the iteration item anywhere (such parts cannot move out of the loop). */
  dependsOnItem(node: TSESTree.Node): boolean;
  /** Text of the expression that computes every item's key (`posts.map((post) => post.authorId)`). */
  keysText(keyNode: TSESTree.Node): string;
}

export interface BatchPlan {
  /** Column/field the rows are keyed by in the batched result (`id`, `authorId`). */
  readonly keyField: string;
  /** The per-item key expression node, whose text indexes the Map inside the loop. */
  readonly keyNode: TSESTree.Node;
  /** Expression text of the batched query, already awaited where needed (`await prisma.user.findMany(...)`). */
  readonly batchedText: string;
  /** Whether the per-item call returned one row (Map of rows) or many (Map of arrays). */
  readonly many: boolean;
  /** Named imports the batched text needs: [module, name]. */
  readonly imports?: readonly (readonly [string, string])[];
  /** Keys are objects compared by value (Mongoose ObjectId): index the Map by `String(key)`. */
  readonly stringKeys?: boolean;
  /**
   * One-row lookups: the key identifies at most one row (a unique-lookup method such as `findUnique`).
   * Lookups by the primary key or a `settings.orm.uniqueColumns` column count as unique anyway; any
   * other key may match several rows, and the rewrite then takes the first match, as the one-row method did.
   */
  readonly unique?: boolean;
  /** What the one-row method gives when no row matches: `null` (the default) or `undefined` (Knex `first()`). */
  readonly missing?: 'null' | 'undefined';
}

/** A write that runs once per item of an iteration, to be turned into one bulk statement. */
export interface BulkWriteRequest {
  readonly match: QueryMatch;
  readonly chain: Chain;
  readonly call: TSESTree.CallExpression;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly scope: ItemScope;
  /** The read that loaded the iterated rows (`Order.findAll()` for `for (const o of orders)`), when known. */
  readonly rowsQuery: { readonly chain: Chain; readonly match: QueryMatch } | undefined;
  /** Whether the write's receiver is a loaded row (`order.save()`) rather than a client or model. */
  readonly onRow: boolean;
}

export type BulkWritePlan =
  /** Replace the whole iteration statement with `await <text>;` (guarded by `if (items.length > 0)` when asked). */
  | {
      readonly kind: 'replace';
      readonly text: string;
      readonly imports?: readonly (readonly [string, string])[];
      /** The bulk form fails on an empty list (Drizzle/Kysely `values([])`, `in ()`). */
      readonly guardEmpty?: boolean;
    }
  /**
   * Keep the iteration, replace the awaited write inside it with `inLoop` (or drop its statement when
   * null), and run `after` once after the iteration (MikroORM `flush()`, Mongoose `bulkSave`).
   */
  | { readonly kind: 'defer'; readonly inLoop: string | null; readonly after: string };

/** A query inside a transaction callback that does not mention the transaction. */
export interface TransactionRequest {
  readonly match: QueryMatch;
  readonly chain: Chain;
  readonly call: TSESTree.CallExpression;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly transaction: TransactionCallback;
  /** The name that reaches the transaction in the callback (`tx`, `t`, `session`), if any. */
  readonly handle: string | undefined;
  /**
   * The project propagates transactions implicitly (Sequelize `useCLS`, Mongoose
   * `transactionAsyncLocalStorage`): a query that only lacks the transaction option takes part anyway.
   */
  readonly implicit: boolean;
  originOf(expr: TSESTree.Expression): Origin | undefined;
}

export interface TransactionFix {
  /** Edits of the query's text that make it take part (`prisma` → `tx`, `{ transaction: t }`); undefined when there is no safe edit. */
  readonly splices: readonly Splice[] | undefined;
  /** What the query misses, for messages (`the transaction client \`tx\``, `\`{ transaction: t }\``). */
  readonly missing: string;
}

/** A recognised query with its chain, as the query-shape hooks receive it. */
export interface ShapeRequest {
  readonly match: QueryMatch;
  readonly chain: Chain;
  /** The last call of the chain. */
  readonly node: TSESTree.CallExpression;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
}

/** An IN-building function: which argument is the list, which the column. */
export interface InOperator {
  readonly list: number;
  readonly column?: number;
  readonly negated?: boolean;
  /** Whether a subquery builder may stand in place of the list. */
  readonly acceptsSubquery?: boolean;
}

/** One IN condition of a query. */
export interface InListSite {
  /** The list expression (`[1, 2, 3]`, `ids`). */
  readonly list: TSESTree.Node;
  /** The column text when visible (`id`, `users.id`). */
  readonly column?: string | undefined;
  readonly negated: boolean;
  /** Whether a subquery builder may stand in place of the list (Knex `whereIn`, Kysely `'in'`, Drizzle `inArray`). */
  readonly acceptsSubquery: boolean;
  /**
   * A column compared with a value that is an IN list only when it is an array (Sequelize and MikroORM
   * `where: { id: ids }`): `{ views }` is as often one value.
   */
  readonly implicit?: boolean;
}

/** A `LIMIT`/`OFFSET` as the code writes it. */
export interface PageClause {
  /** What to report: the `take: 10` property, the `.limit(10)` call, the `findFirst` method name. */
  readonly node: TSESTree.Node;
  /** The value (`10`, `(page - 1) * size`); undefined for one-row methods (`findFirst`, `.first()`). */
  readonly value?: TSESTree.Node | undefined;
  /** How the code says it, for messages: `take`, `.limit()`, `findFirst()`. */
  readonly label: string;
  /** The clause is `value × factor` (Objection `.page(page, size)` skips `page × size` rows). */
  readonly factor?: TSESTree.Node | undefined;
}

export interface QueryShape {
  readonly limit?: PageClause | undefined;
  readonly offset?: PageClause | undefined;
  /** The options are not visible (`findMany(args)`): nothing can be said about limit, offset or order. */
  readonly opaque?: boolean;
  /** The query has an ordering (`orderBy`, `order`, `.sort()`, …). */
  readonly ordered: boolean;
  /** The method itself looks one row up by primary key (`findUnique`, `findByPk`, `findById`). */
  readonly uniqueMethod: boolean;
  /**
   * Columns the filter compares by equality, all of which must hold (`where: { id, teamId }`);
   * undefined when the filter is not visible.
   */
  readonly equalities?: readonly string[] | undefined;
  /** Edits that add an ascending ordering on `column`; undefined when there is no faithful place for it. */
  addOrdering?(column: string): readonly Splice[] | undefined;
}

/** A numeric change of one field: `n + k`, `n - k`, `n * k`. */
export interface AtomicChange {
  readonly field: string;
  readonly op: '+' | '-' | '*';
  /** The amount's source text, parenthesised when it is not a simple operand. */
  readonly amount: string;
  /** A condition on the field guarding the write (`if (row.n < max)`), field on the left. */
  readonly guard?: { readonly op: '<' | '<=' | '>' | '>='; readonly limit: string } | undefined;
}

export interface AtomicValueRequest {
  readonly match: QueryMatch;
  readonly chain: Chain;
  readonly call: TSESTree.CallExpression;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The `row.n + k` expression inside the write's arguments. */
  readonly value: TSESTree.Node;
  readonly change: AtomicChange;
  /** Whether the write's result is used (a rewrite may change its shape only when it is not). */
  readonly resultUsed: boolean;
}

export interface AtomicEdit {
  /** Edits inside the write call; undefined: report without a rewrite. */
  readonly splices: readonly Splice[] | undefined;
  readonly imports?: readonly (readonly [string, string])[];
  /** The edit also moves the guard into the statement (a conditional atomic update). */
  readonly conditional?: boolean;
}

export interface AtomicRowRequest {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The row variable's name. */
  readonly row: string;
  readonly change: AtomicChange;
  /** The write that persists the row after the change (`row.save()`, `repo.save(row)`, `em.flush()`). */
  readonly persist: { readonly match: QueryMatch; readonly chain: Chain; readonly call: TSESTree.CallExpression };
  /** The persisting statement directly follows the change, and nothing else changed the row since it was read. */
  readonly alone: boolean;
}

export interface AtomicRowEdit {
  /** Replacement for the change's expression statement (`row.$inc('n', 1)`, `await row.increment('n', { by: 1 })`). */
  readonly change: string;
  /** Whether the persisting statement goes too (the replacement writes by itself). */
  readonly removePersist: boolean;
}

export interface BulkAtomicRequest {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The read whose rows the loop changes one by one. */
  readonly read: { readonly match: QueryMatch; readonly chain: Chain; readonly call: TSESTree.CallExpression };
  readonly change: AtomicChange;
}
