// The extractor's vocabularies and thresholds (data/extract/rules.json), compiled once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/resources.js';

export interface ExtractRules {
  positiveClass: RegExp;
  negativeClass: RegExp;
  strongNegativeClass: RegExp;
  unlikelyCandidates: RegExp;
  maybeCandidate: RegExp;
  articleBody: RegExp;
  endMarker: RegExp;
  commentCue: RegExp;
  dropTags: Set<string>;
  headerTags: Set<string>;
  thresholds: {
    minBlockChars: number;
    siblingScoreFraction: number;
    maxLinkDensity: number;
    edgeBlockMaxWords: number;
    readabilityWinsRatio: number;
    readabilityWinsBelowChars: number;
  };
}

export const EXTRACT_RULES_RESOURCE = 'extract/rules.json';

export function compileExtractRules(json: string): ExtractRules {
  const r = JSON.parse(json) as {
    positiveClass: string;
    negativeClass: string;
    strongNegativeClass: string;
    unlikelyCandidates: string;
    maybeCandidate: string;
    articleBodySelectors: { pattern: string };
    endMarkers: { pattern: string };
    commentCues: { pattern: string };
    dropTags: string[];
    headerTags: string[];
    thresholds: ExtractRules['thresholds'];
  };
  return {
    positiveClass: new RegExp(r.positiveClass, 'i'),
    negativeClass: new RegExp(r.negativeClass, 'i'),
    strongNegativeClass: new RegExp(r.strongNegativeClass, 'i'),
    unlikelyCandidates: new RegExp(r.unlikelyCandidates, 'i'),
    maybeCandidate: new RegExp(r.maybeCandidate, 'i'),
    articleBody: new RegExp(r.articleBodySelectors.pattern, 'i'),
    endMarker: new RegExp(r.endMarkers.pattern, 'iu'),
    commentCue: new RegExp(r.commentCues.pattern, 'iu'),
    dropTags: new Set(r.dropTags),
    headerTags: new Set(r.headerTags),
    thresholds: r.thresholds,
  };
}

let cached: ExtractRules | null = null;

/** The rules shipped in data/extract/rules.json, read once (the extractor is synchronous). */
export function defaultExtractRules(): ExtractRules {
  cached ??= compileExtractRules(readFileSync(join(packageRoot(), 'data', EXTRACT_RULES_RESOURCE), 'utf8'));
  return cached;
}
