/** A method to patch: the object that holds it (a prototype) and its name. */
export type MethodRef = readonly [owner: object | undefined, name: string];

/**
 * Remembers methods as they are now, before anything patches them; calling the result puts them
 * back exactly (own or inherited), whatever layers of wrapping were added since.
 */
export function snapshotMethods(methods: readonly MethodRef[]): () => void {
  const saved = methods.flatMap(([owner, name]) => {
    if (owner === undefined || typeof (owner as Record<string, unknown>)[name] !== 'function') return [];
    return [{ owner, name, descriptor: Object.getOwnPropertyDescriptor(owner, name) }];
  });
  return () => {
    for (const { owner, name, descriptor } of saved) {
      if (descriptor) Object.defineProperty(owner, name, descriptor);
      else delete (owner as Record<string, unknown>)[name];
    }
  };
}

export type AnyClass = abstract new (...args: never[]) => unknown;

/**
 * The client class of a package, given the module namespace, `require()`'s result, its default
 * export or the class itself: the first of these that has the method at `methodPath`. (Packages
 * also hang other things under the class's own name, so the name alone is not enough.)
 */
export function exportedClass(module: unknown, name: string, methodPath: readonly string[]): AnyClass | undefined {
  const record = module as Record<string, unknown> | undefined;
  const defaultExport = record?.['default'] as Record<string, unknown> | undefined;
  for (const candidate of [module, record?.[name], defaultExport, defaultExport?.[name]]) {
    if (typeof candidate === 'function' && typeof (dig(candidate, ...methodPath) as unknown) === 'function') return candidate as AnyClass;
  }
  return undefined;
}

/** A nested property such as `OpenAI.Chat.Completions.prototype`, or undefined when any step is missing. */
export function dig(root: unknown, ...path: string[]): object | undefined {
  let value: unknown = root;
  for (const step of path) {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? value : undefined;
}
