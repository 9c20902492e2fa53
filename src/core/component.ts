// The component contract: a component takes a Doc and adds annotations. It declares which layers it needs and
// which it assigns, so a pipeline can be checked when it is built rather than failing halfway through a batch.
import type { Doc, LayerName } from './doc.js';

export interface Component {
  readonly name: string;
  readonly requires: readonly LayerName[];
  readonly assigns: readonly LayerName[];
  /** Layers read when the pipeline has them (check `doc.assigned.has(layer)`); a component assigning one must come earlier. */
  readonly uses?: readonly LayerName[];
  process(doc: Doc): void;
}

/**
 * Where components read their data files and model weights from. The core never touches the file system:
 * the CLI and server pass an implementation (src/data/resources.ts) that reads the repository's data/ folder.
 */
export interface Resources {
  /** Reads a UTF-8 text resource by a path relative to the data root, e.g. "actors/aliases.json". */
  text(path: string): Promise<string>;
  /** Reads a binary resource. */
  bytes(path: string): Promise<Uint8Array>;
  /** True when the resource exists. */
  has(path: string): Promise<boolean>;
  /** An absolute path for resources that must be opened natively (SQLite files, worker scripts), or null. */
  localPath?(path: string): string | null;
}

/** What a factory receives when the pipeline is built. */
export interface ComponentContext {
  resources: Resources;
  /** Free-form options from the pipeline config for this component. */
  options: Record<string, unknown>;
  /** Shared, lazily loaded objects (a gazetteer, an actor dictionary) so two components load them once. */
  shared: SharedCache;
  /** Progress and diagnostics go here (the CLI sends them to stderr); never to stdout. */
  log: (message: string) => void;
}

export interface ComponentFactory {
  readonly name: string;
  readonly requires: readonly LayerName[];
  readonly assigns: readonly LayerName[];
  readonly uses?: readonly LayerName[];
  create(ctx: ComponentContext): Promise<Component>;
}

/** A keyed cache of promises: the first caller loads, later callers share the result. */
export class SharedCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.entries.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.entries.set(key, p);
    }
    return p;
  }
}

/**
 * Declares a component once: its name and layers, and an async setup that loads what it needs and returns the
 * per-Doc function. The factory and the components it creates share the declaration.
 */
export function defineComponent(spec: {
  name: string;
  requires: readonly LayerName[];
  assigns: readonly LayerName[];
  uses?: readonly LayerName[];
  setup(ctx: ComponentContext): Promise<(doc: Doc) => void>;
}): ComponentFactory {
  const { name, requires, assigns } = spec;
  const uses = spec.uses ?? [];
  return {
    name,
    requires,
    assigns,
    uses,
    async create(ctx) {
      const process = await spec.setup(ctx);
      return { name, requires, assigns, uses, process };
    },
  };
}
