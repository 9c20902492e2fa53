// Test helpers: run the real bin/sitrep as a user would, and validate Docs against the JSON Schema.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { DocJSON } from '../src/core/types.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = fileURLToPath(new URL('../bin/sitrep', import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runSitrep(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** A running `sitrep serve`: the URL it printed (with its trailing slash), all it printed, and a way to stop it. */
export interface Served {
  url: string;
  stdout: string;
  stop: () => Promise<number>;
}

/** Starts the real `sitrep serve ARGS...` and resolves once it has printed its URLs (the "API:" line). */
export function startServe(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sitrep serve did not start: ${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /API: .*\n/.test(stdout) ? /open: +(http:\/\/[^\s#]+)/.exec(stdout) : null;
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        stdout,
        stop: () =>
          new Promise((res) => {
            child.on('exit', (code) => res(code ?? -1));
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sitrep serve exited ${code}: ${stderr}`));
    });
  });
}

/** Parses JSON Lines output. */
export function jsonLines<T = DocJSON>(s: string): T[] {
  return s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const schema = JSON.parse(readFileSync(new URL('../docs/doc.schema.json', import.meta.url), 'utf8')) as object;
const validate = ajv.compile(schema);

export function schemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
