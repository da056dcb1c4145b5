import { WILDCARD } from './tokens.ts';

/** A mined template: the tokens its messages share, `<*>` where they differ. */
export interface MinedTemplate {
  templateId: string;
  scopeKey: string;
  /** Where in the parse tree it lives, fixed when it is created, so a restored tree matches alike. */
  route: string[];
  tokens: string[];
}

export interface TemplateMinerOptions {
  /** Share of positions that must hold the same token for a message to join a template. Default 0.5. */
  similarity?: number;
  /** Tree depth: the length layer, then `depth - 2` layers of leading tokens. Default 4 (Drain's). */
  depth?: number;
  /** Children per node before new tokens share the `<*>` child. Default 100 (Drain's). */
  maxChildren?: number;
}

interface TreeNode<T> {
  children: Map<string, TreeNode<T>>;
  templates: T[];
}

/**
 * Drain (He et al., ICWS 2017): a fixed-depth parse tree keyed by token count and leading tokens,
 * whose leaves hold templates; a message joins the most similar template of its leaf when the
 * similarity reaches the threshold, turning the positions that differ into `<*>`. One tree per
 * scope, so messages of different signatures never share a template.
 */
export class TemplateMiner<T extends MinedTemplate = MinedTemplate> {
  private readonly roots = new Map<string, TreeNode<T>>();
  private readonly similarity: number;
  private readonly tokenLayers: number;
  private readonly maxChildren: number;

  constructor(options: TemplateMinerOptions = {}) {
    this.similarity = options.similarity ?? 0.5;
    this.tokenLayers = (options.depth ?? 4) - 2;
    this.maxChildren = options.maxChildren ?? 100;
  }

  /**
   * The template `tokens` belong to: the most similar one of their leaf that reaches the threshold
   * and that `accept` agrees to (told whether the tokens fit it as it is, with no new `<*>`), generalised in place
   * (`changed` tells whether its tokens moved to `<*>`).
   */
  match(
    scopeKey: string,
    tokens: readonly string[],
    accept: (template: T, fits: boolean) => boolean = () => true,
  ): { template: T; changed: boolean } | undefined {
    const leaf = this.findLeaf(scopeKey, tokens);
    if (!leaf) return undefined;
    const candidates: Array<{ template: T; similarity: number; wildcards: number; fits: boolean }> = [];
    for (const template of leaf.templates) {
      const { similarity, wildcards, same } = compare(template.tokens, tokens);
      if (similarity >= this.similarity) candidates.push({ template, similarity, wildcards, fits: same + wildcards === tokens.length });
    }
    if (candidates.length > 1) candidates.sort((a, b) => b.similarity - a.similarity || b.wildcards - a.wildcards);
    for (const { template, fits } of candidates) {
      if (accept(template, fits)) return { template, changed: generalise(template, tokens) };
    }
    return undefined;
  }

  /** The route a new template for `tokens` takes from the current tree. */
  routeFor(tokens: readonly string[], scopeKey: string): string[] {
    const route = [String(tokens.length)];
    let node = this.roots.get(scopeKey)?.children.get(route[0]!);
    for (let layer = 0; layer < Math.min(this.tokenLayers, tokens.length); layer++) {
      const token = tokens[layer]!;
      const key = /\d/.test(token)
        ? WILDCARD
        : node?.children.has(token) || (node?.children.size ?? 0) < this.maxChildren
          ? token
          : WILDCARD;
      route.push(key);
      node = node?.children.get(key);
    }
    return route;
  }

  /** Places a template at its route (a new one, or one restored from storage). */
  add(template: T): void {
    let node = this.roots.get(template.scopeKey);
    if (!node) {
      node = emptyNode<T>();
      this.roots.set(template.scopeKey, node);
    }
    for (const key of template.route) {
      let child: TreeNode<T> | undefined = node.children.get(key);
      if (!child) {
        child = emptyNode<T>();
        node.children.set(key, child);
      }
      node = child;
    }
    node.templates.push(template);
  }

  private findLeaf(scopeKey: string, tokens: readonly string[]): TreeNode<T> | undefined {
    let node = this.roots.get(scopeKey)?.children.get(String(tokens.length));
    for (let layer = 0; node && layer < Math.min(this.tokenLayers, tokens.length); layer++) {
      node = node.children.get(tokens[layer]!) ?? node.children.get(WILDCARD);
    }
    return node;
  }
}

function emptyNode<T>(): TreeNode<T> {
  return { children: new Map(), templates: [] };
}

/** Drain's similarity: the share of positions holding the same token; `<*>` positions count as neither. */
function compare(template: readonly string[], tokens: readonly string[]): { similarity: number; wildcards: number; same: number } {
  if (tokens.length === 0) return { similarity: 1, wildcards: 0, same: 0 };
  let same = 0;
  let wildcards = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (template[i] === WILDCARD) wildcards++;
    else if (template[i] === tokens[i]) same++;
  }
  return { similarity: same / tokens.length, wildcards, same };
}

function generalise(template: MinedTemplate, tokens: readonly string[]): boolean {
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    if (template.tokens[i] !== WILDCARD && template.tokens[i] !== tokens[i]) {
      template.tokens[i] = WILDCARD;
      changed = true;
    }
  }
  return changed;
}
