// Golden extraction fixtures: test/fixtures/extract/<case>/{source.html, expected.txt, expected.json}.
// Pages written for the project (or freely licensed); never copied from ../shared/eval.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/data/resources.js';

export interface ExpectedMeta {
  title: string | null;
  published: string | null;
  author?: string | null;
  siteName?: string | null;
  canonicalUrl?: string | null;
  language?: string | null;
  /** The URL the page is given with (for URL-pattern dates and canonical resolution). */
  url?: string | null;
}

export interface Fixture {
  name: string;
  dir: string;
  html: string;
  /** The expected article text (after the clean stage). */
  text: string;
  expected: ExpectedMeta;
}

export function fixturesDir(): string {
  return join(packageRoot(), 'test', 'fixtures', 'extract');
}

export function loadFixtures(): Fixture[] {
  const dir = fixturesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const p = join(dir, name);
      return {
        name,
        dir: p,
        html: readFileSync(join(p, 'source.html'), 'utf8'),
        text: readFileSync(join(p, 'expected.txt'), 'utf8').replace(/\n$/, ''),
        expected: JSON.parse(readFileSync(join(p, 'expected.json'), 'utf8')) as ExpectedMeta,
      };
    });
}
