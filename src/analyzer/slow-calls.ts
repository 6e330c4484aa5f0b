import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, dottedName, skipTypeWrappers } from './ast.js';

export type SlowKind = 'HTTP request' | 'timer';

/** HTTP clients called directly (`fetch(url)`, `got(url)`) or through a method (`axios.get(url)`). */
const HTTP_FUNCTIONS = new Set(['fetch', 'got', 'ky', 'axios', 'request', 'superagent', 'needle', 'ofetch', '$fetch']);
const HTTP_OBJECTS = /^(?:axios|got|ky|superagent|needle|undici|http|https|httpService|httpClient|apiClient|\w*HttpClient|\w*HttpService)$/;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'request', 'fetch', 'options']);
/** Sleep helpers by convention, and `setTimeout` from `timers/promises`. */
const SLEEPS = new Set(['sleep', 'delay', 'wait', 'setTimeout', 'timeout', 'pause']);
/** RxJS bridges that turn an HTTP Observable into a promise (`firstValueFrom(this.http.get(url))`). */
const OBSERVABLE_BRIDGES = new Set(['firstValueFrom', 'lastValueFrom']);

/**
 * What kind of slow, non-database work an awaited expression is: an HTTP request (`fetch`, `axios.*`,
 * NestJS `HttpService` through `firstValueFrom`), a timer (`sleep(ms)`, `new Promise((r) => setTimeout(r, ms))`),
 * or a call named in `extra` (dotted callee names). Undefined for anything else.
 */
export function slowWork(expr: TSESTree.Expression, extra: ReadonlySet<string>): SlowKind | 'configured' | undefined {
  const node = skipTypeWrappers(expr);
  if (node.type === AST_NODE_TYPES.NewExpression) {
    // `new Promise((resolve) => setTimeout(resolve, ms))`
    if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise') return undefined;
    const executor = node.arguments[0];
    if (executor?.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
    const body = executor.body;
    const call = body.type === AST_NODE_TYPES.BlockStatement ? (body.body[0]?.type === AST_NODE_TYPES.ExpressionStatement ? body.body[0].expression : undefined) : body;
    return call?.type === AST_NODE_TYPES.CallExpression && calleeName(call) === 'setTimeout' ? 'timer' : undefined;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipTypeWrappers(node.callee);
  const dotted = dottedName(callee);
  if (dotted !== undefined && (extra.has(dotted) || extra.has(dotted.replace(/^this\./, '')))) return 'configured';
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (HTTP_FUNCTIONS.has(callee.name)) return 'HTTP request';
    if (SLEEPS.has(callee.name) && node.arguments.length >= 1 && node.arguments.length <= 2) return 'timer';
    if (OBSERVABLE_BRIDGES.has(callee.name) && node.arguments[0]?.type === AST_NODE_TYPES.CallExpression) {
      return slowWork(node.arguments[0], extra) === 'HTTP request' ? 'HTTP request' : undefined;
    }
    return undefined;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = calleeName(node);
    const owner = dottedName(callee.object);
    const ownerName = owner?.split('.').pop();
    if (owner === 'globalThis' && method === 'fetch') return 'HTTP request';
    if (ownerName !== undefined && HTTP_OBJECTS.test(ownerName) && method !== undefined && HTTP_METHODS.has(method)) return 'HTTP request';
  }
  return undefined;
}
