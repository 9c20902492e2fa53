// Adds a golden extraction fixture: test/fixtures/extract/<name>/{source.html, expected.txt, expected.json}.
// Usage: npm run fixture:extract -- NAME PAGE.html [--url URL]
// The expected files are written from the current extractor's output (article text after the clean stage, and the
// metadata): READ AND CORRECT THEM by hand before committing; they are the truth the tests hold the extractor to.
// Only pages written for the project or under a free licence; never pages from ../shared/eval.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes, sniffHtmlCharset } from '../src/adapters/decode.js';
import { clean, compileRules } from '../src/components/clean/clean.js';
import { packageRoot } from '../src/data/resources.js';
import { extractArticle } from '../src/extract/index.js';

function main(argv: string[]): number {
  const urlAt = argv.indexOf('--url');
  const url = urlAt >= 0 ? (argv[urlAt + 1] ?? null) : null;
  const [name, page] = argv.filter((a, i) => !a.startsWith('--') && (urlAt < 0 || i !== urlAt + 1));
  if (!name || !page || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    process.stderr.write('usage: npm run fixture:extract -- NAME PAGE.html [--url URL]   (NAME: lower-case letters, digits, dashes)\n');
    return 2;
  }
  const dir = join(packageRoot(), 'test', 'fixtures', 'extract', name);
  if (existsSync(dir)) {
    process.stderr.write(`fixture "${name}" exists already: ${dir}\n`);
    return 1;
  }
  const bytes = readFileSync(page);
  const html = decodeBytes(bytes, sniffHtmlCharset(bytes)).text;
  const art = extractArticle(html, { url });
  const rules = compileRules(readFileSync(join(packageRoot(), 'data', 'clean', 'boilerplate.json'), 'utf8'));
  const text = clean(art.text, rules).text;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'source.html'), html);
  writeFileSync(join(dir, 'expected.txt'), text + '\n');
  const meta = { url, title: art.title, published: art.published, author: art.author, siteName: art.siteName, canonicalUrl: art.canonicalUrl, language: art.language };
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(meta, null, 2) + '\n');
  process.stdout.write(`wrote ${dir} (extracted by ${art.method}); now read expected.txt and expected.json and correct them\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
