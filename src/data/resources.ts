// The file-system adapter for the core's Resources port: reads the repository's data/ folder
// (and, through "npm:" paths, files shipped inside installed npm packages).
import { access, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resources } from '../core/component.js';

/** The repository root: the nearest folder above this file whose package.json is sitrep's. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'bin', 'sitrep'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the sitrep package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** The installed folder of an npm package (found through node_modules, since many packages do not export package.json). */
export function packageDir(name: string): string {
  let dir = packageRoot();
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`npm package "${name}" is not installed (run npm ci)`);
    dir = up;
  }
}

export class FileResources implements Resources {
  readonly root: string;

  constructor(root?: string) {
    this.root = root ?? join(packageRoot(), 'data');
  }

  localPath(path: string): string {
    if (path.startsWith('npm:')) {
      // npm:<package>/<file inside the package>
      const rest = path.slice(4);
      const parts = rest.split('/');
      const pkgName = rest.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      const inner = rest.slice(pkgName.length + 1);
      return join(packageDir(pkgName), inner);
    }
    const full = resolve(this.root, path);
    if (!full.startsWith(resolve(this.root))) throw new Error(`resource path escapes the data folder: ${path}`);
    return full;
  }

  async text(path: string): Promise<string> {
    return readFile(this.localPath(path), 'utf8');
  }

  async bytes(path: string): Promise<Uint8Array> {
    return readFile(this.localPath(path));
  }

  async has(path: string): Promise<boolean> {
    try {
      await access(this.localPath(path));
      return true;
    } catch {
      return false;
    }
  }
}
