import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { objectProperty, staticKey, staticKeys } from '../ast.js';
import { spliceNodeText } from '../fixes.js';
import { itemKeyProperty, othersDependOnItem, renameMethod, replacePropValue } from './batch.js';
import { argKeysWithin, type CallLink, exprBefore, isArrayArg, isModelLike, lastName, rowMethodMatch, stringArg } from './common.js';
import { incrementMethod, onlyProperty, payloadProperty, quoted } from './atomic.js';
import { addOptionSplice, independent, itemFieldKeys, keyFilterSplice, mapSplice, plainObject } from './bulk.js';
import type { AtomicEdit, AtomicRowEdit, AtomicRowRequest, AtomicValueRequest, BatchPlan, BatchRequest, BulkAtomicRequest, BulkWritePlan, BulkWriteRequest, EagerSupport, Evidence, ExistsRewrite, FetchShape, InListSite, Operation, OrmModule, QueryMatch, QueryRewrite, QueryShape, RecognizeContext, Refinement, RewriteRequest, ShapeRequest, TransactionFix, TransactionRequest } from './types.js';
import { addArrayElement, addCallArgument, addObjectEntry, keyedRelation, loadedText, lowerFirst, objectConditions, singleItemCondition } from '../relations.js';
import { addArgumentSplice, addPropertySplice, asObject, hasSpread, isWithin, objectEqualities, optionClause, quote } from './shape.js';
import { editObject, fieldsObject, hasAny, type Options, readOptions, receiverText, unknownKeys } from './rewrite.js';

const MODEL_OPS: Readonly<Record<string, Operation>> = {
  findAll: 'read-many',
  findAndCountAll: 'read-many',
  findOne: 'read-one',
  findByPk: 'read-one',
  findOrCreate: 'write-one',
  findOrBuild: 'read-one',
  findCreateFind: 'write-one',
  count: 'count',
  max: 'aggregate',
  min: 'aggregate',
  sum: 'aggregate',
  aggregate: 'aggregate',
  create: 'write-one',
  upsert: 'write-one',
  bulkCreate: 'write-many',
  update: 'write-many',
  destroy: 'write-many',
  restore: 'write-many',
  increment: 'write-many',
  decrement: 'write-many',
  truncate: 'write-many',
};
const INSTANCE_OPS: Readonly<Record<string, Operation>> = {
  save: 'write-one',
  reload: 'read-one',
  update: 'write-one',
  destroy: 'write-one',
  restore: 'write-one',
  increment: 'write-one',
  decrement: 'write-one',
};
const DISTINCTIVE = new Set(['findAll', 'findByPk', 'findAndCountAll', 'findOrCreate', 'bulkCreate', 'findCreateFind', 'findOrBuild']);
const OPTION_KEYS = new Set([
  'where', 'attributes', 'include', 'order', 'limit', 'offset', 'raw', 'transaction', 'paranoid', 'group', 'having',
  'distinct', 'col', 'lock', 'subQuery', 'nest', 'plain', 'returning', 'individualHooks', 'fields', 'logging', 'benchmark',
  'by', 'defaults', 'logging', 'useMaster', 'rejectOnEmpty',
]);
const STRONG_KEYS = new Set(['where', 'attributes', 'include', 'order']);

export const sequelize: OrmModule = {
  id: 'sequelize',
  name: 'Sequelize',
  hints: {
    batch: 'findAll({ where: { id: ids } })',
    updateEachBulk: `bulkCreate(rows, { updateOnDuplicate: ['col'] })`,
    countBatch: `count({ where: { authorId: ids }, group: ['authorId'] })`,
    eager: `include: [{ association: 'author' }]`,
    bulk: 'bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })',
    upsertBulk: `bulkCreate(rows, { updateOnDuplicate: ['name', 'updatedAt'] })`,
    atomic: "row.increment('n', { by: 1 }), Model.increment({ n: 1 }, { where })",
    keyset: `findAll({ where: { id: { [Op.gt]: lastId } }, order: [['id', 'ASC']], limit: 20 })`,
    subquery: 'an `include` with a `where` and `required: true`, or a `sequelize.literal(\'(SELECT …)\')` subquery',
  },
  packages: ['sequelize', 'sequelize-typescript', '@sequelize/core'],
  methodNames: new Set([...Object.keys(MODEL_OPS), ...Object.keys(INSTANCE_OPS), 'query', '$get']),
  methodPattern: /^get[A-Z]/,
  exports: { Sequelize: 'factory', default: 'factory' },
  derived: {
    factory: { new: 'client' },
    client: { define: 'model', '.models': 'client' },
  },
  typeNames: { Sequelize: 'client', ModelStatic: 'model', ModelCtor: 'model', ModelDefined: 'model', Transaction: 'transaction' },
  baseClasses: ['Model'],
  injectDecorators: { InjectModel: 'model' },
  clientNames: /^sequelize$/,
  rowMethods: INSTANCE_OPS,
  transactionMethods: new Set(['transaction']),

  recognize(chain, ctx) {
    const { links } = chain;
    const last = links.length - 1;
    const link = links[last];
    if (link?.kind !== 'call' || link.name === undefined) return undefined;
    const receiver = exprBefore(chain, last);
    if (link.name === '$get' || GETTER.test(link.name)) return associationGetter(link, receiver, ctx);
    const origin = ctx.originOf(receiver);
    if (origin?.role === 'row') return rowMethodMatch('sequelize', chain, origin, INSTANCE_OPS, 'eager');
    if (link.name === 'query') {
      return origin?.orm === 'sequelize' && origin.role === 'client'
        ? { orm: 'sequelize', operation: 'raw', evidence: origin.evidence, execution: 'eager', method: 'query' }
        : undefined;
    }
    const op = MODEL_OPS[link.name];
    if (!op) return undefined;
    let evidence: Evidence;
    if (origin) {
      if (origin.orm !== 'sequelize' || origin.role !== 'model') return undefined;
      evidence = origin.evidence;
    } else {
      if (!isModelLike(receiver)) return undefined;
      const other = ctx.fileImports('typeorm') || ctx.fileImports('mongoose') || ctx.fileImports('mikroorm');
      const mine = ctx.fileImports('sequelize');
      if (other && !mine) return undefined;
      const arg = link.args[0];
      const strong = arg?.type === AST_NODE_TYPES.ObjectExpression && argKeysWithin(arg, OPTION_KEYS, STRONG_KEYS);
      if (DISTINCTIVE.has(link.name)) evidence = 'shape';
      else if (strong && (mine || op.startsWith('read') || op === 'count')) evidence = 'shape';
      else evidence = mine ? 'shape' : 'name';
    }
    const operation = link.name === 'create' && isArrayArg(link) ? 'write-many' : op;
    return { orm: 'sequelize', operation, evidence, execution: 'eager', method: link.name, model: origin?.model ?? lastName(receiver), optionsCall: link.node };
  },

  batchLookup(req) {
    return batchLookup(req);
  },

  bulkWrite(req) {
    return bulkWrite(req);
  },

  inListAt(node, req) {
    return inListAt(node, req);
  },

  queryShape(req) {
    return queryShape(req);
  },

  atomicValue(req) {
    return atomicValue(req);
  },

  atomicRow(req) {
    return atomicRow(req);
  },

  bulkAtomic(req) {
    return bulkAtomic(req);
  },

  outsideTransaction(req) {
    return outsideTransaction(req);
  },
  rowsPart: { findAndCountAll: 'rows' },
  eager: eagerSupport(),
  rowMembers: new Set(['dataValues', '_previousDataValues', '_changed', '_options', '_model', 'isNewRecord', 'sequelize', 'uniqno']),
  rowHints: {
    count: 'Model.count({ where })',
    exists: `Model.findOne({ where, attributes: ['id'] })`,
    select: `attributes: ['id', …]`,
    filter: 'where / order / limit',
  },
  resultShape(match) {
    if (match.method === 'findAll') return 'rows';
    if (match.method === 'findOne' || match.method === 'findByPk') return 'row';
    if (match.method === 'count') {
      const options = readOptions(match.optionsCall?.arguments[0]);
      // `count({ group })` yields one count per group.
      return options.kind === 'absent' || (options.kind === 'object' && !hasAny(options, ['group', 'attributes'])) ? 'number' : undefined;
    }
    return undefined;
  },
  fetchShape: (req) => fetchShape(modelCall(req)),
  countRewrite,
  existsRewrite,
  selectRewrite,
  refineRewrite,
};

/** Where each method takes its options (the `Transactionable` argument). */
const MODEL_OPTIONS: Readonly<Record<string, number>> = {
  findAll: 0, findAndCountAll: 0, findOne: 0, findByPk: 1, findOrCreate: 0, findOrBuild: 0, findCreateFind: 0, count: 0,
  max: 1, min: 1, sum: 1, aggregate: 2, create: 1, upsert: 1, bulkCreate: 1, update: 1, destroy: 0, restore: 0,
  increment: 1, decrement: 1, truncate: 0, query: 1,
};
const INSTANCE_OPTIONS: Readonly<Record<string, number>> = { save: 0, reload: 0, update: 1, destroy: 0, restore: 0, increment: 1, decrement: 1 };

/**
 * Inside `sequelize.transaction(async (t) => …)` each call must pass `{ transaction: t }`, unless the app
 * turned on CLS (`Sequelize.useCLS(ns)`), which propagates it.
 */
function outsideTransaction(req: TransactionRequest): TransactionFix | undefined {
  const { match, sourceCode, handle } = req;
  if (req.implicit || /\buseCLS\s*\(/.test(sourceCode.text)) return undefined;
  const call = match.optionsCall;
  if (!call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const onRow = req.originOf(call.callee.object)?.role === 'row';
  const index = onRow ? INSTANCE_OPTIONS[match.method] : MODEL_OPTIONS[match.method];
  if (index === undefined) return undefined;
  const missing = handle === undefined ? 'the `transaction` option' : `\`{ transaction: ${handle} }\``;
  if (handle === undefined) return { splices: undefined, missing };
  const splice = addOptionSplice(sourceCode, call, index, 'transaction', handle);
  // Present, or options we cannot read (a variable may carry the transaction).
  if (splice === 'present' || splice === undefined) return undefined;
  return { splices: [splice], missing };
}

/**
 * `Model.create(row)` per item → `Model.bulkCreate(items.map(…))`; `Model.update(values, { where })` and
 * `Model.destroy({ where })` keyed by the item → an array of keys (Sequelize's IN); a loaded row's
 * `destroy()`/`update(values)` → the model's static form over the rows' ids.
 */
function bulkWrite(req: BulkWriteRequest): BulkWritePlan | undefined {
  const { match, call, scope, sourceCode } = req;
  if (match.optionsCall !== call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const args = call.arguments;
  if (req.onRow) {
    const rows = req.rowsQuery;
    const ids = itemFieldKeys(scope, 'id');
    if (!rows || ids === undefined || rows.chain.links.length !== 1 || call.callee.object.type !== AST_NODE_TYPES.Identifier || call.callee.object.name !== scope.itemName) return undefined;
    const model = sourceCode.getText(rows.chain.base);
    // Rows are matched on `id`, Sequelize's default primary key.
    if (match.method === 'destroy' && args.length === 0) {
      return { kind: 'replace', text: `${model}.destroy({ where: { id: ${ids} } })` };
    }
    if (match.method === 'update' && args.length === 1 && independent(scope, args[0]!)) {
      return { kind: 'replace', text: `${model}.update(${sourceCode.getText(args[0]!)}, { where: { id: ${ids} } })` };
    }
    return undefined;
  }
  if (match.method === 'create') {
    const [row, opts] = args;
    if (!row || args.length > 2 || row.type === AST_NODE_TYPES.ArrayExpression || row.type === AST_NODE_TYPES.SpreadElement || !scope.isMovable(row)) return undefined;
    if (opts && !independent(scope, opts)) return undefined;
    return { kind: 'replace', text: spliceNodeText(sourceCode, call, [renameMethod(call, 'bulkCreate')!, mapSplice(scope, row)]) };
  }
  const optionsIndex = match.method === 'update' ? 1 : match.method === 'destroy' ? 0 : -1;
  if (optionsIndex === -1 || args.length !== optionsIndex + 1) return undefined;
  if (optionsIndex === 1 && !independent(scope, args[0]!)) return undefined;
  const options = args[optionsIndex];
  if (!plainObject(options)) return undefined;
  // An array value is Sequelize's shorthand for IN.
  const filter = keyFilterSplice(scope, objectProperty(options, 'where')?.value, call, (ids) => ids);
  if (!filter || options.properties.some((p) => !scope.isMovable(p))) return undefined;
  return { kind: 'replace', text: spliceNodeText(sourceCode, call, [filter.splice]) };
}

const FIND_MANY = new Set(['findAll', 'findAndCountAll']);

function queryShape(req: ShapeRequest): QueryShape | undefined {
  const { match, sourceCode } = req;
  const call = match.optionsCall;
  if (!call || call !== req.node) return undefined;
  if (match.method === 'findByPk') return { ordered: true, uniqueMethod: true };
  if (match.method !== 'findOne' && !FIND_MANY.has(match.method)) return undefined;
  const arg = call.arguments[0];
  const options = asObject(arg);
  if (arg !== undefined && !options) return { ordered: true, uniqueMethod: false, opaque: true };
  const where = objectProperty(options, 'where');
  const callee = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property : call.callee;
  return {
    limit: match.method === 'findOne' ? { node: callee, label: 'findOne()' } : optionClause(options, 'limit'),
    offset: optionClause(options, 'offset'),
    ordered: hasSpread(options) || objectProperty(options, 'order') !== undefined,
    uniqueMethod: false,
    equalities: where ? objectEqualities(asObject(where.value)) : [],
    addOrdering(column) {
      const text = `order: [['${column}', 'ASC']]`;
      const splice = options ? addPropertySplice(sourceCode, options, text) : addArgumentSplice(sourceCode, call, `{ ${text} }`);
      return splice ? [splice] : undefined;
    },
  };
}

/** `{ [Op.in]: list }`, `{ [Op.notIn]: list }`, or an array value `where: { id: list }`. */
function inListAt(node: TSESTree.Node, req: ShapeRequest): InListSite | undefined {
  if (node.type !== AST_NODE_TYPES.Property || !isWithin(node, req.match.optionsCall?.arguments[0])) return undefined;
  const object = node.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (node.computed) {
    const key = node.key;
    if (key.type !== AST_NODE_TYPES.MemberExpression || key.computed || key.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const op = key.property.name;
    const owner = key.object.type === AST_NODE_TYPES.Identifier ? key.object.name : key.object.type === AST_NODE_TYPES.MemberExpression && key.object.property.type === AST_NODE_TYPES.Identifier ? key.object.property.name : undefined;
    if ((op !== 'in' && op !== 'notIn') || owner !== 'Op') return undefined;
    const column = object.parent.type === AST_NODE_TYPES.Property && object.parent.value === object ? staticKey(object.parent) : undefined;
    return { list: node.value, column, negated: op === 'notIn', acceptsSubquery: false };
  }
  // The shorthand: an array as a column's value in a `where` object.
  const holder = object.parent;
  if (holder.type !== AST_NODE_TYPES.Property || holder.value !== object || staticKey(holder) !== 'where') return undefined;
  const column = staticKey(node);
  if (column === undefined || column.startsWith('$')) return undefined;
  return { list: node.value, column, negated: false, acceptsSubquery: false, implicit: true };
}

const FIND_KEYS = new Set([...OPTION_KEYS, 'subQuery', 'nest', 'plain']);
/** Options `count` honours the same way `findAll` does. */
const COUNT_KEEP = new Set(['where', 'transaction', 'logging', 'benchmark', 'paranoid', 'useMaster']);
/** Options that do not change how many rows `findAll` returns. */
const COUNT_DROP = new Set(['order', 'attributes', 'raw', 'nest', 'subQuery', 'plain', 'rejectOnEmpty', 'lock']);

interface ModelCall {
  readonly receiver: string;
  readonly options: Options;
  /** `findByPk(pk, options)`: the key's text. */
  readonly pk?: string;
}

function modelCall(req: RewriteRequest): ModelCall | undefined {
  const call = req.match.optionsCall;
  if (!call || call !== req.call) return undefined;
  const receiver = receiverText(req.sourceCode, call);
  if (receiver === undefined) return undefined;
  if (req.match.method === 'findByPk') {
    const pk = call.arguments[0];
    if (!pk || call.arguments.length > 2) return undefined;
    return { receiver, options: readOptions(call.arguments[1]), pk: req.sourceCode.getText(pk) };
  }
  if (call.arguments.length > 1) return undefined;
  return { receiver, options: readOptions(call.arguments[0]) };
}

function fetchShape(model: ModelCall | undefined): FetchShape {
  if (!model || model.options.kind === 'opaque') return { paged: false, grouped: false, wholeRows: false, relations: false, opaque: true };
  return {
    paged: hasAny(model.options, ['limit', 'offset']),
    grouped: hasAny(model.options, ['group', 'having', 'distinct']),
    wholeRows: !hasAny(model.options, ['attributes']),
    relations: hasAny(model.options, ['include']),
    opaque: unknownKeys(model.options, FIND_KEYS),
    ordered: hasAny(model.options, ['order']),
  };
}

/** `findAll(options)` → `count({ where })`; with `include`, `distinct: true` counts each row once. */
function countRewrite(req: RewriteRequest): QueryRewrite | undefined {
  const model = modelCall(req);
  const shape = fetchShape(model);
  if (!model || req.match.method !== 'findAll' || shape.opaque || shape.paged || shape.grouped) return undefined;
  const { options } = model;
  if (options.kind === 'object' && [...options.props.keys()].some((k) => !COUNT_KEEP.has(k) && !COUNT_DROP.has(k) && k !== 'include')) return undefined;
  const drop = options.kind === 'object' ? [...options.props.keys()].filter((k) => COUNT_DROP.has(k)) : [];
  const args = editObject(req.sourceCode, options, { drop, add: shape.relations ? [['distinct', 'true']] : [] });
  return {
    text: `await ${model.receiver}.count(${args === '{}' ? '' : args})`,
    exact: !shape.relations,
    ...(shape.relations && { caveat: 'with `include`, `distinct: true` counts each row once' }),
  };
}

/** `findOne({ where, attributes: ['id'] })` for rows, a count or a whole row used only as "any?". */
function existsRewrite(req: RewriteRequest): ExistsRewrite | undefined {
  const model = modelCall(req);
  const shape = fetchShape(model);
  const method = req.match.method;
  if (!model || shape.opaque || shape.paged || shape.grouped) return undefined;
  if (method !== 'findAll' && method !== 'count' && method !== 'findOne' && method !== 'findByPk') return undefined;
  const { options } = model;
  const drop = options.kind === 'object' ? [...options.props.keys()].filter((k) => !COUNT_KEEP.has(k) && k !== 'include') : [];
  const args = editObject(req.sourceCode, options, { drop, add: [['attributes', `[${quote('id')}]`]] });
  const one = method === 'findOne' || method === 'findByPk';
  return {
    text: model.pk !== undefined ? `await ${model.receiver}.findByPk(${model.pk}, ${args})` : `await ${model.receiver}.findOne(${args})`,
    exact: false,
    absent: 'null',
    ...(one && { sourceAbsent: 'null' as const }),
    caveat: 'assumes the primary key is `id`',
  };
}

/** Adds `attributes: [...]` with the fields read. */
function selectRewrite(req: RewriteRequest, fields: readonly string[]): QueryRewrite | undefined {
  const model = modelCall(req);
  const shape = fetchShape(model);
  const method = req.match.method;
  if (!model || shape.opaque || !shape.wholeRows || shape.relations) return undefined;
  if (method !== 'findAll' && method !== 'findOne' && method !== 'findByPk') return undefined;
  const args = editObject(req.sourceCode, model.options, { add: [['attributes', `[${fields.map(quote).join(', ')}]`]] });
  return { text: `await ${model.receiver}.${method}(${model.pk !== undefined ? `${model.pk}, ` : ''}${args})`, exact: false };
}

/** Moves an in-memory filter, sort or slice into `where`, `order` or `limit`. */
function refineRewrite(req: RewriteRequest, refinement: Refinement): QueryRewrite | undefined {
  const model = modelCall(req);
  const shape = fetchShape(model);
  if (!model || req.match.method !== 'findAll' || shape.opaque || shape.paged || shape.grouped) return undefined;
  const { options } = model;
  let args: string;
  switch (refinement.kind) {
    case 'equals':
    case 'true': {
      const value = refinement.kind === 'true' ? 'true' : refinement.value;
      const where = options.kind === 'object' ? options.props.get('where') : undefined;
      if (!where) {
        args = editObject(req.sourceCode, options, { add: [['where', fieldsObject([refinement.field], value)]] });
        break;
      }
      const filter = readOptions(where.value);
      if (filter.kind !== 'object' || filter.props.has(refinement.field)) return undefined;
      args = editObject(req.sourceCode, options, { set: new Map([['where', editObject(req.sourceCode, filter, { add: [[refinement.field, value]] })]]) });
      break;
    }
    case 'order':
      if (hasAny(options, ['order'])) return undefined;
      args = editObject(req.sourceCode, options, { add: [['order', `[[${quote(refinement.field)}, '${refinement.direction.toUpperCase()}']]`]] });
      break;
    case 'take':
      args = editObject(req.sourceCode, options, { add: [['limit', refinement.count]] });
      break;
  }
  return { text: `await ${model.receiver}.findAll(${args})`, exact: refinement.kind === 'take' && !shape.relations };
}

function batchLookup(req: BatchRequest): BatchPlan | undefined {
  const { match, call } = req;
  if (call !== match.optionsCall) return undefined;
  if (match.method === 'findByPk') {
    const key = call.arguments[0];
    if (!key || !req.isItemKey(key) || call.arguments.length > 1) return undefined;
    const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? req.sourceCode.getText(call.callee.object) : undefined;
    if (!receiver) return undefined;
    // Assumes the primary key attribute is `id`, as Sequelize does by default.
    return { keyField: 'id', keyNode: key, batchedText: `await ${receiver}.findAll({ where: { id: ${req.keysText(key)} } })`, many: false };
  }
  const many = match.method === 'findAll';
  if (!many && match.method !== 'findOne') return undefined;
  const arg = call.arguments[0];
  if (arg?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const where = objectProperty(arg, 'where')?.value;
  if (where?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (!many && objectProperty(arg, 'order')) return undefined;
  if (objectProperty(arg, 'limit') || objectProperty(arg, 'offset') || objectProperty(arg, 'raw')) return undefined;
  const attributes = objectProperty(arg, 'attributes');
  if (attributes) return undefined;
  const keyProp = itemKeyProperty(req, where);
  if (!keyProp || othersDependOnItem(req, call, [keyProp.prop.value])) return undefined;
  // An array value is Sequelize's shorthand for IN.
  const splices = [replacePropValue(keyProp.prop, keyProp.key, req.keysText(keyProp.prop.value))];
  if (!many) splices.push(renameMethod(call, 'findAll')!);
  return { keyField: keyProp.key, keyNode: keyProp.prop.value, batchedText: `await ${spliceNodeText(req.sourceCode, call, splices)}`, many };
}

/** Association getters: `post.getAuthor()`, `post.getComments()`. */
const GETTER = /^get([A-Z]\w*)$/;
/** Instance/static methods named like getters that are not association loads. */
const NOT_GETTERS = new Set(['getDataValue', 'getTableName', 'getAttributes', 'getChangeset', 'getQueryInterface', 'getDialect', 'getDatabaseName']);
const MIXIN_ALIAS = /^(?:BelongsTo|HasOne|HasMany|BelongsToMany)GetAssociations?Mixin$/;

/**
 * `post.getAuthor()` / sequelize-typescript `post.$get('author')` on a Sequelize row. A `get…` method may
 * be the model's own (`getFullName()`): the checker's mixin type or an association declared in this file
 * (`as: 'author'`, `@BelongsTo`, a `…GetAssociationMixin` declaration) tells them apart.
 */
function associationGetter(link: CallLink, receiver: TSESTree.Expression, ctx: RecognizeContext): QueryMatch | undefined {
  const name = link.name!;
  if (NOT_GETTERS.has(name)) return undefined;
  const row = ctx.rowOf?.(receiver);
  if (row?.orm !== 'sequelize') return undefined;
  let relation: string | undefined;
  let evidence: Evidence = row.evidence;
  if (name === '$get') {
    relation = stringArg(link);
  } else {
    relation = lowerFirst(GETTER.exec(name)![1]!);
    const types = ctx.types;
    const typed = types && link.node.callee.type === AST_NODE_TYPES.MemberExpression ? types.hasProperty(receiver, name) : undefined;
    if (typed !== undefined) {
      if (!MIXIN_ALIAS.test(types!.aliasName(link.node.callee as TSESTree.MemberExpression) ?? '')) return undefined;
      evidence = 'type';
    } else if (!associationDeclared(ctx.text(programOf(link.node)), relation)) {
      evidence = 'name';
    }
  }
  if (relation === undefined) return undefined;
  return { orm: 'sequelize', operation: 'relation-load', evidence, execution: 'eager', method: name, model: row.model, optionsCall: link.node, relation, typeChecked: true };
}

/** `as: 'author'`, `@BelongsTo(() => User) author`, `declare getAuthor: BelongsToGetAssociationMixin<User>` in the file. */
function associationDeclared(text: string, relation: string): boolean {
  const escaped = relation.replace(/[$]/g, '\\$');
  const upper = escaped.charAt(0).toUpperCase() + escaped.slice(1);
  return (
    new RegExp(`\\bas:\\s*['"\`]${escaped}['"\`]`).test(text) ||
    new RegExp(`@(?:BelongsTo|HasMany|HasOne|BelongsToMany)\\([^)]*\\)[^;=]*?\\b${escaped}\\b`).test(text) ||
    new RegExp(`\\bget${upper}\\s*!?:\\s*(?:Sequelize\\.)?\\w+GetAssociations?Mixin\\b`).test(text)
  );
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

function eagerSupport(): EagerSupport {
  return {
    hint: (relation) => `include: [{ association: '${relation}' }]`,

    relationLoad(req) {
      const { query, ctx } = req;
      if (!query?.optionsCall) return undefined;
      const text = (node: TSESTree.Node) => req.sourceCode.getText(node);
      const call = query.optionsCall;
      if (query.operation === 'relation-load') {
        const callee = call.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || !req.isItem(callee.object) || query.relation === undefined) return undefined;
        const owner = callee.object;
        let relation = query.relation;
        let confirmed: boolean | undefined = query.method === '$get' ? true : undefined;
        if (!confirmed && ctx.types) {
          // Without an alias the association is named after the model (`User`), so the getter's case is lost.
          const upper = relation.charAt(0).toUpperCase() + relation.slice(1);
          if (ctx.types.hasProperty(owner, relation)) confirmed = true;
          else if (ctx.types.hasProperty(owner, upper)) [relation, confirmed] = [upper, true];
        }
        if (!confirmed && associationDeclared(ctx.text(programOf(call)), relation)) confirmed = true;
        const options = call.arguments.slice(query.method === '$get' ? 1 : 0);
        return {
          owner,
          relation,
          assumedFrom: confirmed ? undefined : `${query.method}()`,
          loaded: loadedText(text(owner), relation),
          nested: options.length > 0 ? options.map(text).join(', ') : undefined,
        };
      }
      if (call !== query.node) return undefined;
      let keyed;
      if (query.method === 'findByPk') {
        const key = call.arguments[0];
        if (!key || call.arguments.length !== 1 || key.type === AST_NODE_TYPES.SpreadElement) return undefined;
        keyed = keyedRelation({ key: 'id', value: key }, query.model, req.isItem);
      } else if (query.method === 'findOne' || query.method === 'findAll') {
        const arg = call.arguments[0];
        if (arg?.type !== AST_NODE_TYPES.ObjectExpression || arg.properties.length !== 1 || call.arguments.length !== 1) return undefined;
        const where = objectProperty(arg, 'where')?.value;
        const conditions = where?.type === AST_NODE_TYPES.ObjectExpression ? objectConditions(where) : undefined;
        const single = conditions && singleItemCondition(conditions, req.dependsOnItem);
        if (!single || single.rest.length > 0) return undefined;
        keyed = keyedRelation(single.keyed, query.model, req.isItem);
        if (keyed && keyed.many !== (query.method === 'findAll')) return undefined;
      }
      if (!keyed || (!keyed.many && query.method === 'findAll')) return undefined;
      const confirmed = ctx.types ? ctx.types.hasProperty(keyed.owner, keyed.relation) : undefined;
      return { owner: keyed.owner, relation: keyed.relation, assumedFrom: keyed.assumedFrom, confirmed, loaded: loadedText(text(keyed.owner), keyed.relation) };
    },

    include({ source, relation, nested, sourceCode }) {
      // Per-item getter options (`where`, `attributes`) would change the parent's rows in an include (inner join).
      const call = source.optionsCall;
      if (nested !== undefined || source.method !== 'findAll' || !call || call !== source.node) return undefined;
      const element = `{ association: '${relation}' }`;
      const arg = call.arguments[0];
      if (!arg) {
        const splice = addCallArgument(sourceCode, call, `{ include: [${element}] }`);
        return splice ? [splice] : undefined;
      }
      if (arg.type !== AST_NODE_TYPES.ObjectExpression || objectProperty(arg, 'raw')) return undefined;
      const include = objectProperty(arg, 'include');
      if (!include) {
        if (arg.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return undefined;
        return [addObjectEntry(sourceCode, arg, `include: [${element}]`)];
      }
      const value = include.value;
      if (value.type === AST_NODE_TYPES.ArrayExpression) {
        if (value.elements.some((e) => e && includesAssociation(e, relation))) return [];
        return [addArrayElement(sourceCode, value, element)];
      }
      if (value.type === AST_NODE_TYPES.AssignmentPattern || value.type === AST_NODE_TYPES.ObjectPattern || value.type === AST_NODE_TYPES.ArrayPattern || value.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) return undefined;
      if (includesAssociation(value, relation)) return [];
      return [{ range: value.range, text: `[${sourceCode.getText(value)}, ${element}]` }];
    },
  };
}

/** `'author'`, `{ association: 'author' }` or `{ model: User, as: 'author' }`. */
function includesAssociation(node: TSESTree.Node, relation: string): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return node.value === relation;
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  for (const key of ['association', 'as']) {
    const value = objectProperty(node, key)?.value;
    if (value?.type === AST_NODE_TYPES.Literal && value.value === relation) return true;
  }
  return false;
}

/**
 * `Model.update({ n: row.n + 1 }, options)` → `Model.increment({ n: 1 }, options)`; `row.update({ n: row.n + 1 })`
 * → `row.increment('n', { by: 1 })`, when `n` is the only value and the result is not used.
 */
function atomicValue(req: AtomicValueRequest): AtomicEdit | undefined {
  const { match, call, sourceCode, change } = req;
  if (match.method !== 'update' || match.optionsCall !== call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const [values, options] = call.arguments;
  const prop = payloadProperty(values, req.value, change.field);
  if (!prop) return undefined;
  const method = incrementMethod(change);
  if (!method || req.resultUsed || !onlyProperty(values as TSESTree.ObjectExpression, prop)) return { splices: undefined };
  const receiver = sourceCode.getText(call.callee.object);
  if (options) {
    // The static form: `options` carries the `where` the increment needs.
    if (call.arguments.length !== 2 || options.type === AST_NODE_TYPES.SpreadElement) return { splices: undefined };
    return { splices: [{ range: call.range, text: `${receiver}.${method}({ ${change.field}: ${change.amount} }, ${sourceCode.getText(options)})` }] };
  }
  return { splices: [{ range: call.range, text: `${receiver}.${method}(${quoted(change.field)}, { by: ${change.amount} })` }] };
}

/** `row.n += k; await row.save();` with nothing else changed → `await row.increment('n', { by: k });`. */
function atomicRow(req: AtomicRowRequest): AtomicRowEdit | undefined {
  const { persist, change, row } = req;
  const method = incrementMethod(change);
  const call = persist.call;
  if (!req.alone || !method || persist.match.method !== 'save' || call.arguments.length > 0) return undefined;
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.object.type !== AST_NODE_TYPES.Identifier || call.callee.object.name !== row) return undefined;
  return { change: `await ${row}.${method}(${quoted(change.field)}, { by: ${change.amount} })`, removePersist: true };
}

/** Every row of `Model.findAll({ where })` bumped in a loop → `Model.increment({ n: 1 }, { where })`. */
function bulkAtomic(req: BulkAtomicRequest): { text: string } | undefined {
  const { read, change, sourceCode } = req;
  const call = read.match.optionsCall;
  const method = incrementMethod(change);
  if (!method || read.match.method !== 'findAll' || !call || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 1) return undefined;
  const options = call.arguments[0];
  if (options && (!plainObject(options) || !staticKeys(options)!.every((k) => ['where', 'attributes', 'order'].includes(k)))) return undefined;
  const where = options ? objectProperty(options, 'where') : undefined;
  return { text: `${sourceCode.getText(call.callee.object)}.${method}({ ${change.field}: ${change.amount} }, { where: ${where ? sourceCode.getText(where.value) : '{}'} })` };
}
