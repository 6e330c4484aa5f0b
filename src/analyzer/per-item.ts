import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { childNodes, dottedName, isFunction, parentSkippingWrappers, skipTypeWrappers, visitReferences } from './ast.js';
import { importEdits, indentOf } from './fixes.js';
import type { OrmAnalysis, QueryCall } from './index.js';
import type { Iteration } from './iteration.js';
import type { BatchPlan, BatchRequest } from './orm/types.js';

/** How a message names the iteration: the item (`post`) and the construct (`for…of loop`). */
export function describeIteration(iteration: Iteration): { item: string; loop: string } {
  const item = iteration.item?.type === AST_NODE_TYPES.Identifier ? `\`${iteration.item.name}\`` : 'item';
  let loop: string;
  switch (iteration.kind) {
    case 'for-of':
      loop = '`for…of` loop';
      break;
    case 'for-await':
      loop = '`for await` loop';
      break;
    case 'for-in':
      loop = '`for…in` loop';
      break;
    case 'for':
      loop = '`for` loop';
      break;
    case 'while':
      loop = '`while` loop';
      break;
    case 'do-while':
      loop = '`do…while` loop';
      break;
    case 'callback': {
      const receiver = iteration.iterable ? dottedName(iteration.iterable) : undefined;
      const call = `${receiver ?? '…'}.${iteration.method ?? 'map'}()`;
      loop = iteration.concurrent && iteration.method !== 'pMap' ? `\`Promise.all(${call})\`` : `\`${call}\` callback`;
      break;
    }
  }
  return { item, loop };
}

/**
 * The two-place rewrite of a per-item lookup: one batched query before the iteration, and a Map (or
 * filter) lookup in place of the per-item query. Undefined when the key, the iterable or the
 * surrounding code does not allow a faithful rewrite.
 */
export function perItemLookup(
  sourceCode: Readonly<TSESLint.SourceCode>,
  orm: OrmAnalysis,
  query: QueryCall,
  iteration: Iteration,
): { fix: TSESLint.ReportFixFunction } | undefined {
  const mod = orm.module(query.orm);
  if (!mod.batchLookup || query.operation === 'relation-load') return undefined;
  if (iteration.kind !== 'for-of' && iteration.kind !== 'callback') return undefined;
  const iterable = iteration.iterable ? skipTypeWrappers(iteration.iterable) : undefined;
  if (!iterable || dottedName(iterable) === undefined || !iteration.item) return undefined;
  if (orm.types && orm.types.isArray(iterable) === false) return undefined;
  const body = iteration.kind === 'callback' ? iteration.callback : (iteration.node as TSESTree.ForOfStatement).body;
  if (!body) return undefined;
  const item = iteration.item;
  const itemDeclaredIn = (variable: ReturnType<typeof ASTUtils.findVariable>): 'item' | 'body' | 'outside' => {
    const def = variable?.defs[0];
    if (!def) return 'outside';
    const at = def.name.range[0];
    if (at >= item.range[0] && at < item.range[1]) return 'item';
    if (at >= body.range[0] && at < body.range[1]) return 'body';
    return 'outside';
  };

  /** An item-rooted expression for `node`: `post.authorId`, or the init of a `const` in the body. */
  const resolveKey = (node: TSESTree.Node, depth = 0): TSESTree.Node | undefined => {
    if (depth > 3) return undefined;
    let root: TSESTree.Node = node;
    while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) root = root.object;
    if (root.type === AST_NODE_TYPES.TSNonNullExpression) root = root.expression;
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
    const where = itemDeclaredIn(variable);
    if (where === 'item') return node;
    if (where === 'body' && node === root) {
      const def = variable!.defs[0]!;
      if (def.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init || def.node.id !== def.name) return undefined;
      return resolveKey(def.node.init, depth + 1);
    }
    return undefined;
  };

  const dependsOnItem = (node: TSESTree.Node): boolean => {
    let depends = false;
    visitReferences(node, (id) => {
      if (depends || id.type !== AST_NODE_TYPES.Identifier) return;
      const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
      if (itemDeclaredIn(variable) !== 'outside') depends = true;
    });
    return depends;
  };

  const itemText = sourceCode.getText(item);
  const request: BatchRequest = {
    match: query,
    chain: query.chain,
    call: query.node,
    sourceCode,
    isItemKey: (node) => resolveKey(node) !== undefined,
    dependsOnItem,
    keysText: (keyNode) => {
      const key = resolveKey(keyNode)!;
      // `for (const id of ids)` keyed by `id` itself: the keys are the iterable.
      if (item.type === AST_NODE_TYPES.Identifier && !item.typeAnnotation && key.type === AST_NODE_TYPES.Identifier && key.name === item.name) {
        return sourceCode.getText(iterable);
      }
      return `${sourceCode.getText(iterable)}.map((${itemText}) => ${sourceCode.getText(key)})`;
    },
  };
  const plan = mod.batchLookup(request);
  if (!plan) return undefined;
  // Reading everything up front is only the same when the loop does not write in between.
  if (containsWrite(body, orm)) return undefined;

  // Where the per-item query is used: the `await` around it, or the call returned by a callback.
  const awaited = parentSkippingWrappers(query.node);
  const target = awaited?.type === AST_NODE_TYPES.AwaitExpression ? awaited : query.node;
  const targetParent = parentSkippingWrappers(target);
  if (targetParent?.type === AST_NODE_TYPES.MemberExpression && targetParent.object === target) return undefined;

  const statement = statementOf(iteration.node);
  if (!statement || !canAwaitAt(statement, sourceCode)) return undefined;

  const keyText = sourceCode.getText(plan.keyNode);
  // Without a model name (`userRepo.findOneBy(…)`), the receiver names the rows: `userRepo` → `user`.
  const receiver = query.chain.base.type === AST_NODE_TYPES.Identifier ? query.chain.base.name.replace(/(?:Repo|Repository|Model|Table|Collection)$/, '') : '';
  const base = singular(camel(query.model ?? (/^[A-Za-z]\w*$/.test(receiver) && !/^(?:this|db|em|knex|prisma|manager|client|trx|tx)$/i.test(receiver) ? receiver : 'row')));
  const taken = (name: string) => new RegExp(`\\b${name}\\b`).test(sourceCode.text);
  const uniqueName = (name: string) => {
    let candidate = name;
    for (let i = 2; taken(candidate); i++) candidate = `${name}${i}`;
    return candidate;
  };
  const rowKey = plan.stringKeys ? `String(row.${plan.keyField})` : `row.${plan.keyField}`;
  const itemKey = plan.stringKeys ? `String(${keyText})` : keyText;
  let declaration: string;
  let replacement: string;
  if (plan.many) {
    const name = uniqueName(`${base}Rows`);
    declaration = `const ${name} = ${plan.batchedText};`;
    replacement = `${name}.filter((row) => ${rowKey} === ${itemKey})`;
  } else if (plan.unique === true || isUniqueKey(orm, mod.primaryKey ?? 'id', query.model, plan.keyField)) {
    const name = uniqueName(`${base}By${capitalize(plan.keyField.replace(/^_/, ''))}`);
    declaration = `const ${name} = new Map((${plan.batchedText}).map((row) => [${rowKey}, row]${orm.isTypeScript ? ' as const' : ''}));`;
    replacement = orNull(`${name}.get(${itemKey})`, plan, targetParent, target);
  } else {
    // Several rows may share the key: take the first match, as the one-row method did (a Map would keep the last).
    const name = uniqueName(`${base}Rows`);
    declaration = `const ${name} = ${plan.batchedText};`;
    replacement = orNull(`${name}.find((row) => ${rowKey} === ${itemKey})`, plan, targetParent, target);
  }
  const indent = indentOf(sourceCode, statement);
  return {
    fix: (fixer) => {
      const inserted = `${declaration}\n${indent}`;
      const imports = importEdits(sourceCode, fixer, plan.imports ?? [], [
        { range: [statement.range[0], statement.range[0]], text: inserted },
        { range: target.range, text: replacement },
      ]);
      return imports ? [...imports, fixer.insertTextBefore(statement, inserted), fixer.replaceText(target, replacement)] : null;
    },
  };
}

/** A one-row lookup's value when no row matches: `null` unless the ORM's method gives `undefined`. */
function orNull(lookup: string, plan: BatchPlan, parent: TSESTree.Node | undefined, target: TSESTree.Node): string {
  if (plan.missing === 'undefined') return lookup;
  return needsNoParens(parent, target) ? `${lookup} ?? null` : `(${lookup} ?? null)`;
}

/** The primary key, or a column the project declares unique (`settings.orm.uniqueColumns`: `email`, `User.email`). */
function isUniqueKey(orm: OrmAnalysis, primaryKey: string, model: string | undefined, keyField: string): boolean {
  if (keyField === primaryKey) return true;
  return orm.settings.uniqueColumns.some((column) => column === keyField || (model !== undefined && column.toLowerCase() === `${model}.${keyField}`.toLowerCase()));
}

function containsWrite(body: TSESTree.Node, orm: OrmAnalysis): boolean {
  let found = false;
  const walk = (n: TSESTree.Node): void => {
    if (found) return;
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const q = orm.queryAt(n);
      if (q && (q.operation.startsWith('write') || q.operation === 'flush' || q.operation === 'raw')) {
        found = true;
        return;
      }
    }
    childNodes(n).forEach(walk);
  };
  walk(body);
  return found;
}

function needsNoParens(parent: TSESTree.Node | undefined, target: TSESTree.Node): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === target;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === target;
    case AST_NODE_TYPES.CallExpression:
      return parent.arguments.includes(target as TSESTree.CallExpressionArgument);
    case AST_NODE_TYPES.Property:
      return parent.value === target;
    default:
      return false;
  }
}

/** The statement (directly inside a block or the program) that contains `node`. */
function statementOf(node: TSESTree.Node): TSESTree.Node | undefined {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.StaticBlock) {
      return current;
    }
    if (parent.type === AST_NODE_TYPES.LabeledStatement) {
      current = parent;
      continue;
    }
    if (isFunction(parent) || parent.type === AST_NODE_TYPES.SwitchCase) return undefined;
    current = parent;
  }
  return undefined;
}

/** Whether `await` is allowed before `statement`: an async function, or module top level. */
function canAwaitAt(statement: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let node: TSESTree.Node | undefined = statement.parent;
  while (node) {
    if (isFunction(node)) return node.async;
    if (node.type === AST_NODE_TYPES.Program) return sourceCode.ast.sourceType === 'module';
    node = node.parent;
  }
  return false;
}

function camel(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return cleaned.charAt(0).toLowerCase() + cleaned.slice(1);
}

function singular(name: string): string {
  if (/ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/[^s]s$/.test(name) && name.length > 3) return name.slice(0, -1);
  return name;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
