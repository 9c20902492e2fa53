// Name keys for gazetteer lookup. Two levels:
// - key: case, diacritics, apostrophes/ayn and punctuation folded ("Al Bāghūz Fawqānī" -> "al baghuz fawqani",
//   "U.S." -> "us", "Deir ez-Zor" -> "deir ez zor");
// - skeleton: a transliteration-tolerant key for Arabic/Persian/Kurdish names as English news spells them: articles
//   dropped (al-/el-/ad-/ash-...), vowel digraphs and doubled letters folded (ou/oo -> u, ee -> i), q -> k, the
//   -iyah/-iyya/-iyeh endings unified, spaces dropped. "Baghouz", "Baghuz" and "Al Bāghūz" share "baghuz".
// Pure functions: the build script and the runtime share them, so keys always agree.

const SPECIAL: Record<string, string> = {
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
  ĸ: 'k',
  ſ: 's',
};

/** The lookup key of a name: lower case, no diacritics, no apostrophes or ayn/hamza marks, punctuation as spaces. */
export function nameKey(name: string): string {
  let s = name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  s = s.replace(/[ıøæœßđðłþħŧŋĸſ]/g, (c) => SPECIAL[c] ?? c);
  s = s
    .replace(/[ʿʾʼʻ'’‘`´]/g, '')
    .replace(/\./g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s;
}

/** True when a key is in Latin script (the only alternate names worth indexing for English text). */
export function isLatinKey(key: string): boolean {
  return /^[a-z0-9 ]+$/.test(key) && /[a-z]/.test(key);
}

const ARTICLE = /^(?:al|el|al|ad|ed|ar|er|as|es|ash|esh|at|et|az|ez|an|en|ad|al|l)$/;
/** Trailing qualifiers of Arabic village names ("upper", "lower", "big", "small", "east", ...). */
export const QUALIFIERS = new Set([
  'fawqani',
  'fawqa',
  'tahtani',
  'tahta',
  'kabir',
  'kabira',
  'saghir',
  'saghira',
  'sharqi',
  'sharqiya',
  'gharbi',
  'gharbiya',
  'shamali',
  'shamaliya',
  'janubi',
  'janubiya',
  'jadid',
  'jadida',
  'qadim',
  'qadima',
  'ulya',
  'sufla',
]);

function foldWord(w: string): string {
  return w
    .replace(/q/g, 'k')
    .replace(/ou|oo|uu/g, 'u')
    .replace(/ee|ii/g, 'i')
    .replace(/aa/g, 'a')
    .replace(/(?:iyyah|iyyeh|iyah|iyeh|iyya|ieh|iah)$/, 'iya')
    .replace(/([b-df-hj-np-tv-z])\1+/g, '$1');
}

/** The transliteration skeleton of a key (see the file comment); "" when nothing is left. */
export function skeletonOf(key: string): string {
  const words = key.split(' ').filter((w) => w !== '' && !ARTICLE.test(w));
  return words.map(foldWord).join('');
}

/**
 * Skeleton variants of a key: the skeleton itself, and, for Arabic village names with a trailing qualifier
 * ("Al Bāghūz Fawqānī", upper Baghouz), the skeleton without the qualifier.
 */
export function skeletonVariants(key: string): string[] {
  const out = new Set<string>();
  const full = skeletonOf(key);
  if (full.length >= 3) out.add(full);
  const words = key.split(' ').filter((w) => w !== '' && !ARTICLE.test(w));
  while (words.length > 1 && QUALIFIERS.has(words[words.length - 1]!)) {
    words.pop();
    const s = words.map(foldWord).join('');
    if (s.length >= 4) out.add(s);
  }
  return [...out];
}
