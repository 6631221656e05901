// French puts an article before most structure names (« le Centre social Alma », « de
// l’Association Iciela »), chosen by the name's first word. The messages that name a structure in
// a sentence take its kind as the `article` parameter and choose with `select`:
//   masc        le / du            (Centre, Département, Conseil…)
//   fem         la / de la         (Maison, Mairie, Fédération…)
//   elided      l’ / de l’         (Association, Espace, Hôpital…)
//   bare_elided nothing / d’       (a proper name starting with a vowel: ECHO)
//   other       nothing / de       (a proper name, or a name that brings its own article)
// English ignores it. Only these words are known: a name that starts otherwise is left bare,
// which reads correctly, if more stiffly, rather than with a wrong article.

export type FrenchArticle = 'masc' | 'fem' | 'elided' | 'bare_elided' | 'other';

const MASCULINE = new Set([
  'cabinet', 'café', 'ccas', 'centre', 'club', 'collectif', 'collège', 'comité', 'conseil',
  'département', 'foyer', 'groupement', 'lycée', 'musée', 'point', 'pôle', 'relais', 'secours',
  'service', 'syndicat', 'théâtre',
]);
const FEMININE = new Set([
  'agence', 'bibliothèque', 'caf', 'caisse', 'communauté', 'coopérative', 'crèche', 'délégation',
  'direction', 'fédération', 'fondation', 'ligue', 'maison', 'mairie', 'médiathèque', 'métropole',
  'mission', 'mutuelle', 'pharmacie', 'préfecture', 'région', 'régie', 'résidence', 'société',
  'ville',
]);
/** Common nouns of names that elide: a vowel, or a mute h. */
const ELIDED = new Set([
  'association', 'atelier', 'école', 'entreprise', 'épicerie', 'espace', 'établissement',
  'habitat', 'hôpital', 'hôtel', 'institut', 'office', 'union', 'université',
]);
/** Names that start with their own article. */
const ARTICLES = new Set(['le', 'la', 'les', "l'", 'l’']);

function startsWithVowel(word: string): boolean {
  return /^[aeiouyàâäéèêëîïôöûüœæ]/i.test(word);
}

export function frenchArticle(name: string): FrenchArticle {
  const trimmed = name.trim();
  const first = (trimmed.split(/[\s'’-]/, 1)[0] ?? '').toLocaleLowerCase('fr');
  if (first === '' || ARTICLES.has(first) || /^l['’]/i.test(trimmed)) return 'other';
  if (MASCULINE.has(first)) return 'masc';
  if (FEMININE.has(first)) return 'fem';
  if (ELIDED.has(first)) return 'elided';
  return startsWithVowel(first) ? 'bare_elided' : 'other';
}
