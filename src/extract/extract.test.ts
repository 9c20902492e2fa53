// Issue #3: the extraction cascade on golden fixtures (test/fixtures/extract/<case>/), its metadata, and the offset
// map from the article text back to the HTML source.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../eval/lib/fixtures.js';
import { clean, compileRules } from '../components/clean/clean.js';
import { Analyzer } from '../api.js';
import { extractArticle } from './index.js';
import { dateFromUrl, parseDate } from './metadata.js';

const rules = compileRules(readFileSync(new URL('../../data/clean/boilerplate.json', import.meta.url), 'utf8'));
const fixtures = loadFixtures();

describe('issue #3: golden extraction fixtures', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(3));
  for (const f of fixtures) {
    it(`${f.name}: article text and metadata`, () => {
      const art = extractArticle(f.html, { url: f.expected.url ?? null });
      expect(clean(art.text, rules).text).toBe(f.text);
      const got = { url: art.url === art.canonicalUrl && !f.expected.url ? null : art.url, title: art.title, published: art.published, author: art.author, siteName: art.siteName, canonicalUrl: art.canonicalUrl, language: art.language };
      expect(got).toEqual({ url: f.expected.url ?? null, ...f.expected });
    });

    it(`${f.name}: every character of the text maps back to the same character (or its entity) in the HTML`, () => {
      const art = extractArticle(f.html, { url: f.expected.url ?? null });
      for (let i = 0; i < art.text.length; i++) {
        const c = art.text[i]!;
        if (!/[\p{L}\p{N}]/u.test(c)) continue;
        const at = art.sourceMap.toSource(i);
        const src = f.html[at]!;
        if (src !== c) expect(f.html.slice(at, at + 10), `text[${i}] = ${c}`).toMatch(/^&[#\w]+;/);
      }
    });
  }
});

describe('issue #3: source map through the Analyzer', () => {
  it('maps a span of the analysed text through the clean stage and the extractor back to the HTML', async () => {
    const f = fixtures.find((x) => x.name === 'news-jsonld-article')!;
    const analyzer = await Analyzer.create({ pipeline: { components: [{ name: 'clean' }] } });
    const doc = analyzer.analyzeDoc({ id: 'k', html: f.html, url: f.expected.url ?? null });
    expect(doc.title).toBe('Fighting resumes near Kidal as talks stall');
    expect(doc.published).toBe('2023-11-14');
    expect(doc.sourceMap).not.toBeNull();
    const word = 'peacekeeping mission';
    const start = doc.text.indexOf(word);
    expect(start).toBeGreaterThan(0);
    const inStart = doc.inputMap.toSource(start);
    const inEnd = doc.inputMap.toSource(start + word.length, true);
    const s = doc.sourceMap!.toSource(inStart);
    const e = doc.sourceMap!.toSource(inEnd, true);
    expect(f.html.slice(s, e)).toBe(word);
    // The inline "Also Read:" line went to removed through the clean stage; page chrome inside the article too.
    expect(doc.removed.map((r) => r.reason)).toContain('related-link');
    expect(doc.removed.some((r) => r.reason.startsWith('html-'))).toBe(true);
    expect(doc.text).not.toContain('Posted by reader42');
  });
});

describe('issue #3: publication dates', () => {
  it('parses the date formats pages use', () => {
    expect(parseDate('2019-03-01')).toBe('2019-03-01');
    expect(parseDate('2019-03-01T10:00:00Z')).toBe('2019-03-01T10:00:00Z');
    expect(parseDate('2019-03-01T10:00:00+0530')).toBe('2019-03-01T10:00:00+05:30');
    expect(parseDate('Fri, 01 Mar 2019 10:00:00 GMT')).toBe('2019-03-01');
    expect(parseDate('March 1, 2019')).toBe('2019-03-01');
    expect(parseDate('1st March 2019')).toBe('2019-03-01');
    expect(parseDate('2019/3/1')).toBe('2019-03-01');
    expect(parseDate('20190301')).toBe('2019-03-01');
    expect(parseDate('2019-02-30')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });

  it('finds dates in URLs and nowhere else in them', () => {
    expect(dateFromUrl('https://x.example/world/2019/03/01/baghouz')).toBe('2019-03-01');
    expect(dateFromUrl('https://x.example/news/20190301/story.html')).toBe('2019-03-01');
    expect(dateFromUrl('https://x.example/story-2019-03-01.html')).toBe('2019-03-01');
    expect(dateFromUrl('https://x.example/id/1234567890')).toBeNull();
  });

  it('prefers JSON-LD (also inside @graph), then meta tags, then <time>, then the URL', () => {
    const ld = '<script type="application/ld+json">{"@graph":[{"@type":"WebPage","name":"x"},{"@type":"NewsArticle","headline":"H","datePublished":"2020-05-06"}]}</script>';
    const body = '<body><article><p>' + 'Text of the article, long enough to count as one. '.repeat(5) + '</p></article></body>';
    expect(extractArticle(`<html><head>${ld}<meta property="article:published_time" content="2020-01-01"></head>${body}</html>`).published).toBe('2020-05-06');
    expect(extractArticle(`<html><head><meta property="article:published_time" content="2020-01-01"></head>${body}</html>`).published).toBe('2020-01-01');
    expect(extractArticle(`<html><head></head><body><time datetime="2020-02-02">Feb 2</time>${body}</body></html>`).published).toBe('2020-02-02');
    const viaUrl = extractArticle(`<html>${body}</html>`, { url: 'https://x.example/2020/03/03/a' });
    expect([viaUrl.published, viaUrl.publishedFrom]).toEqual(['2020-03-03', 'url']);
  });
});

describe('issue #3: hard pages', () => {
  it('recovers content after an unclosed <head> and never throws on broken markup', () => {
    const html = '<html><head><title>T</title><meta name=x content="y"><table><tr><td><p>' + 'Real article text about the floods in the region, officials said. '.repeat(6) + '</p></td></tr></table>';
    expect(extractArticle(html).text).toContain('Real article text about the floods');
    for (const bad of ['', '<', '<html><body><p>unclosed', '<<<>>>&&&;;', '<div>'.repeat(5000)]) expect(() => extractArticle(bad)).not.toThrow();
  });
});
