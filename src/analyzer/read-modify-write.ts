import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, skipTypeWrappers } from './ast.js';
import type { AtomicChange } from './orm/types.js';
import type { TypeOracle } from './type-info.js';

/** `row.field` with a plain identifier row. */
export interface FieldRead {
  readonly row: TSESTree.Identifier;
  readonly field: string;
  readonly member: TSESTree.MemberExpression;
}

/** `row.field` (not computed, not optional-chained through a call). */
export function fieldRead(node: TSESTree.Node): FieldRead | undefined {
  const member = node.type === AST_NODE_TYPES.TSNonNullExpression ? node.expression : node;
  if (member.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const field = propertyName(member);
  const object = skipTypeWrappers(member.object);
  if (field === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { row: object, field, member };
}

/** The same `row.field` as `read` (same variable, same field). */
function sameField(node: TSESTree.Node, read: FieldRead, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const other = fieldRead(skipTypeWrappers(node as TSESTree.Expression));
  if (!other || other.field !== read.field) return false;
  return variableOf(other.row, sourceCode) === variableOf(read.row, sourceCode);
}

function variableOf(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(id), id);
}

/**
 * `row.n + k`, `k + row.n`, `row.n - k`, `row.n * k`: the field read, the operator and the amount. The
 * amount must not read the field again and, for `+`, must be numeric (else it is string concatenation).
 */
export function arithmeticOnField(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  types: TypeOracle | null,
): { read: FieldRead; op: AtomicChange['op']; amount: TSESTree.Expression } | undefined {
  const expr = skipTypeWrappers(node as TSESTree.Expression);
  if (expr.type !== AST_NODE_TYPES.BinaryExpression || (expr.operator !== '+' && expr.operator !== '-' && expr.operator !== '*')) return undefined;
  let read = fieldRead(skipTypeWrappers(expr.left));
  let amount: TSESTree.Expression = expr.right;
  if (!read && expr.operator !== '-') {
    read = fieldRead(skipTypeWrappers(expr.right));
    amount = expr.left;
  }
  if (!read) return undefined;
  if (mentionsField(amount, read, sourceCode)) return undefined;
  if (expr.operator === '+' && !numericPlus(read, amount, types, sourceCode)) return undefined;
  return { read, op: expr.operator, amount };
}

/**
 * A mutation of a row field by arithmetic: `row.n++`, `--row.n`, `row.n += k`, `row.n -= k`,
 * `row.n *= k`, `row.n = row.n + k`.
 */
export function mutationOf(
  node: TSESTree.UpdateExpression | TSESTree.AssignmentExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  types: TypeOracle | null,
): { read: FieldRead; op: AtomicChange['op']; amount: TSESTree.Expression | undefined } | undefined {
  if (node.type === AST_NODE_TYPES.UpdateExpression) {
    const read = fieldRead(node.argument);
    return read ? { read, op: node.operator === '++' ? '+' : '-', amount: undefined } : undefined;
  }
  const read = fieldRead(node.left);
  if (!read) return undefined;
  switch (node.operator) {
    case '+=':
      if (!numericPlus(read, node.right, types, sourceCode)) return undefined;
      return mentionsField(node.right, read, sourceCode) ? undefined : { read, op: '+', amount: node.right };
    case '-=':
      return mentionsField(node.right, read, sourceCode) ? undefined : { read, op: '-', amount: node.right };
    case '*=':
      return mentionsField(node.right, read, sourceCode) ? undefined : { read, op: '*', amount: node.right };
    case '=': {
      const arithmetic = arithmeticOnField(node.right, sourceCode, types);
      if (!arithmetic || !sameField(arithmetic.read.member, read, sourceCode)) return undefined;
      return { read, op: arithmetic.op, amount: arithmetic.amount };
    }
    default:
      return undefined;
  }
}

/**
 * Whether `row.n + amount` adds numbers: with type information the field's type decides (a string field plus
 * a number is concatenation); without it, the amount must be visibly numeric.
 */
function numericPlus(read: FieldRead, amount: TSESTree.Expression, types: TypeOracle | null, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return types ? types.isNumber(read.member) : isNumeric(amount, types, sourceCode);
}

function mentionsField(node: TSESTree.Node, read: FieldRead, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = sourceCode.getText(node);
  if (!text.includes(read.field)) return false;
  return new RegExp(`\\b${read.row.name}\\s*[?!]?\\.\\s*${read.field}\\b`).test(text);
}

/** Whether an expression is a number: a numeric literal, arithmetic, `Number(x)`, a `: number` variable, or the checker says so. */
export function isNumeric(node: TSESTree.Node, types: TypeOracle | null, sourceCode?: Readonly<TSESLint.SourceCode>): boolean {
  const expr = skipTypeWrappers(node as TSESTree.Expression);
  switch (expr.type) {
    case AST_NODE_TYPES.Literal:
      return typeof expr.value === 'number' || typeof expr.value === 'bigint';
    case AST_NODE_TYPES.UnaryExpression:
      return (expr.operator === '-' || expr.operator === '+') && isNumeric(expr.argument, types, sourceCode);
    case AST_NODE_TYPES.BinaryExpression:
      return ['-', '*', '/', '%', '**'].includes(expr.operator) || (expr.operator === '+' && isNumeric(expr.left, types, sourceCode) && isNumeric(expr.right, types, sourceCode));
    case AST_NODE_TYPES.CallExpression: {
      const callee = expr.callee;
      if (callee.type === AST_NODE_TYPES.Identifier && /^(?:Number|parseInt|parseFloat)$/.test(callee.name)) return true;
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math') return true;
      break;
    }
    default:
      break;
  }
  if (expr.type === AST_NODE_TYPES.Identifier && sourceCode && declaredNumber(expr, sourceCode)) return true;
  return types?.isNumber(expr) ?? false;
}

/** A variable or parameter annotated `: number`, or a `const` initialised with a number. */
function declaredNumber(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const def = variableOf(id, sourceCode)?.defs[0];
  if (!def) return false;
  const name = def.name;
  if (name.type === AST_NODE_TYPES.Identifier && name.typeAnnotation?.typeAnnotation.type === AST_NODE_TYPES.TSNumberKeyword) return true;
  if (def.type === 'Variable' && def.parent.kind === 'const' && def.node.init && def.node.id === name) {
    const init = skipTypeWrappers(def.node.init);
    return init.type === AST_NODE_TYPES.Literal && typeof init.value === 'number';
  }
  return false;
}

/**
 * The condition guarding `node` on the same field (`if (row.n < max) { … }`), normalised with the field
 * on the left; undefined when there is none.
 */
export function guardOf(
  node: TSESTree.Node,
  read: FieldRead,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { readonly op: '<' | '<=' | '>' | '>='; readonly limit: TSESTree.Expression } | undefined {
  const flip = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child) {
      const test = skipTypeWrappers(parent.test);
      if (test.type !== AST_NODE_TYPES.BinaryExpression || test.left.type === AST_NODE_TYPES.PrivateIdentifier) continue;
      const op = test.operator;
      if (op !== '<' && op !== '<=' && op !== '>' && op !== '>=') continue;
      if (sameField(test.left, read, sourceCode) && !mentionsField(test.right, read, sourceCode)) return { op, limit: test.right };
      if (sameField(test.right, read, sourceCode) && !mentionsField(test.left, read, sourceCode)) return { op: flip[op], limit: test.left };
    }
    if (parent.type === AST_NODE_TYPES.FunctionDeclaration || parent.type === AST_NODE_TYPES.FunctionExpression || parent.type === AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  }
  return undefined;
}
