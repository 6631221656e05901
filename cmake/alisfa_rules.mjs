// Reads the salary rules of the ALISFA agreement (IDCC 1261, « Convention collective nationale
// des acteurs du lien social et familial ») from @socialgouv/kali-data and writes them, each value
// with the date it applies from and the article it was read in, as JSON (for people) and as a C++
// table (for domain/staffing/alisfa.cc). The build runs it: numbers are never copied by hand into
// the repository, and a package update that moves or rewords an article stops the build here.
//
// Usage: node alisfa_rules.mjs <kali-data package folder> <output.json> <output.cc>
// Node 18 or later, no dependency beyond node.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [packageDir, jsonOut, ccOut] = process.argv.slice(2);
if (!packageDir || !jsonOut || !ccOut) {
  console.error('usage: node alisfa_rules.mjs <kali-data folder> <output.json> <output.cc>');
  process.exit(2);
}

// The agreement's container id on Légifrance; its IDCC is checked below.
const kAgreementFile = 'data/KALICONT000005635384.json';
const agreementPath = join(packageDir, kAgreementFile);

function fail(why) {
  console.error(`alisfa_rules.mjs: ${why} (in ${agreementPath})`);
  console.error('The ALISFA salary rules could not be read: check the @socialgouv/kali-data version');
  console.error('pinned in web/package.json (from 3.x the package no longer carries IDCC 1261).');
  process.exit(1);
}

let agreement;
try {
  agreement = JSON.parse(readFileSync(agreementPath, 'utf8'));
} catch (error) {
  fail(`cannot read the agreement: ${error.message}`);
}
if (Number(agreement?.data?.num) !== 1261) fail('the file is not IDCC 1261');

const kMonths = {
  janvier: 1, février: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8,
  septembre: 9, octobre: 10, novembre: 11, décembre: 12,
};

function text(html) {
  return html
    .replace(/<\/t[dh]>/g, ' | ')
    .replace(/<br\s*\/?>|<\/p>|<\/tr>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|\u00a0|\u202f/g, ' ');
}

// "21 147", "57,50" → cents.
function cents(amount) {
  const match = amount.replace(/\s/g, '').match(/^(\d+)(?:,(\d{1,2}))?$/);
  if (!match) fail(`not an amount in euros: "${amount}"`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function iso(year, month, day) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function* articles(node) {
  if (node.type === 'article') yield node;
  for (const child of node.children ?? []) yield* articles(child);
}

// The texts attached to the agreement (avenants), wherever the package files them.
const texts = [];
for (const group of agreement.children ?? []) {
  for (const section of group.children ?? []) {
    if (section.data?.title) texts.push(section);
  }
}

if (texts.length === 0) fail('the agreement carries no texts (no articles)');

const rules = [];
function rule(kind, from, amount, article, source, dated = 'text') {
  rules.push({ kind, from, amount, article, source, dated });
}

// The date an avenant's own text gives for its entry into force ("la date d'entrée en vigueur du
// présent avenant est fixée au 1er juillet 2022"), with 'text'; else the date Légifrance records
// for the text, with 'legifrance modifDate' (avenant 04-17 states none in its articles).
function entryDate(section) {
  for (const article of articles(section)) {
    const match = text(article.data.content).match(
      /(?:entrée en vigueur du présent (?:avenant|accord) est fixée|présent avenant entre en vigueur) au (1er|\d{1,2}) (\p{L}+) (\d{4})/u);
    if (match) {
      const month = kMonths[match[2].toLowerCase()];
      if (!month) fail(`unknown month "${match[2]}" in ${section.data.title}`);
      return [iso(Number(match[3]), month, match[1] === '1er' ? 1 : Number(match[1])), 'text'];
    }
  }
  const recorded = section.data.modifDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(recorded ?? '')) fail(`no entry date for ${section.data.title}`);
  return [recorded, 'legifrance modifDate'];
}

// The value of the point and the floor of the branch minimum (RMB), one avenant at a time.
for (const section of texts) {
  const title = section.data.title;
  if (/10-2022/.test(title)) continue;  // The 2024 system, read below.
  const isPoint = /valeur du point/i.test(title);
  const isFloor = /rémunération minimum de branche/i.test(title);
  if (!isPoint && !isFloor) continue;
  for (const article of articles(section)) {
    const body = text(article.data.content);
    const point = body.match(/valeur du point visée par [^.]*? est fixée à ([\d\s,]+?)\s*(?:€|euros)/);
    if (isPoint && point) {
      const [from, dated] = entryDate(section);
      rule('kPointValue', from, cents(point[1]), article.data.id, title, dated);
    }
    const floor = body.match(/plancher conventionnel est fixé à ([\d\s,]+?)\s*(?:€|euros)/);
    if (isFloor && floor) {
      const [from, dated] = entryDate(section);
      rule('kFloor', from, cents(floor[1]), article.data.id, title, dated);
    }
  }
}

// The formula of chapter V as the base text has it until 2023 (article 1, « Rémunération »).
const chapterV = [...articles(agreement)].find(
  (article) => /rémunération individuelle supplémentaire \(RIS\)/.test(article.data.content) &&
    /Plancher conventionnel \+ 15/.test(text(article.data.content)));
if (!chapterV) fail('chapter V article 1 (« Rémunération », RIS and RMB) not found');
{
  const body = text(chapterV.data.content);
  const source = 'Chapitre V, article 1 « Rémunération »';
  const perPoint = body.match(/augmentée? de (\d+) € annuels bruts pour chaque point de pesée/);
  const base = body.match(/Plancher conventionnel \+ (\d+) \* \(pesée de l'emploi\s*-\s*(\d+)\)/);
  const minimum = body.match(/inférieure à celle correspondante? à une pesée de (\d+)/);
  const risCap = body.match(/pourcentage cumulé ne peut dépasser (\d+) %/);
  if (!perPoint || !base || !minimum || !risCap) fail('chapter V article 1 no longer reads as expected');
  if (perPoint[1] !== base[1]) fail('chapter V article 1 gives two amounts per point of the RMB');
  // The RMB's rules are dated from the first floor read (avenant 02-20, 1 January 2020, which
  // replaced an older floor this script does not read); the article's older versions are not in
  // the package, so its other rules are dated from the first value of the point read.
  const firstFloor = rules.filter((r) => r.kind === 'kFloor').map((r) => r.from).sort()[0];
  if (!firstFloor) fail('no floor (plancher conventionnel) found in the RMB avenants');
  const firstPoint = rules.filter((r) => r.kind === 'kPointValue').map((r) => r.from).sort()[0];
  if (!firstPoint) fail('no value of the point found in the salary avenants');
  rule('kFloorPerPoint', firstFloor, Number(perPoint[1]) * 100, chapterV.data.id, source);
  rule('kFloorBaseWeighting', firstFloor, Number(base[2]), chapterV.data.id, source);
  rule('kMinimumWeighting', firstPoint, Number(minimum[1]), chapterV.data.id, source);
  rule('kRisCapBasisPoints', firstPoint, Number(risCap[1]) * 100, chapterV.data.id, source);
}

// The system of 2024: avenant 10-2022, annex 2 « Mesures transitoires », article 2 « Montée en
// charge », a table of the value of the point and the socle for each year from 2024.
const revision = texts.find((section) => /10-2022/.test(section.data.title) &&
  /systèmes de classification et de rémunération/.test(section.data.title));
if (!revision) fail('avenant 10-2022 (révision des systèmes de classification et de rémunération) not found');
{
  const annex = [...articles(revision)].find((article) => /Montée en charge/.test(article.data.content));
  if (!annex) fail('avenant 10-2022: annex 2 article 2 « Montée en charge » not found');
  const body = text(annex.data.content).slice(text(annex.data.content).indexOf('Montée en charge'));
  const rows = [...body.matchAll(/(20\d\d)\s*\|\s*([\d\s,]+?)\s*€\s*\|\s*([\d\s,]+?)\s*€/g)];
  if (rows.length === 0) fail('avenant 10-2022: the table of the « Montée en charge » is empty');
  for (const [, year, point, socle] of rows) {
    const from = iso(Number(year), 1, 1);
    rule('kPointValue2024', from, cents(point), annex.data.id, revision.data.title);
    rule('kSocle', from, cents(socle), annex.data.id, revision.data.title);
  }
  // The new chapter V says the same for 2024 in words; a disagreement means the text changed.
  const chapter = [...articles(revision)].find((article) => /salaire socle conventionnel est fixé à/.test(
    text(article.data.content)));
  if (!chapter) fail('avenant 10-2022: the new chapter V (salaire socle conventionnel) not found');
  const words = text(chapter.data.content);
  const socle = words.match(/salaire socle conventionnel est fixé à ([\d\s,]+?) euros .*? au 1er janvier (\d{4})/);
  const point = words.match(/valeur du point est fixée à ([\d\s,]+?) euros .*? au 1er janvier (\d{4})/);
  if (!socle || !point) fail('avenant 10-2022: the new chapter V no longer reads as expected');
  const first = (kind) => rules.find((r) => r.kind === kind && r.from === iso(Number(socle[2]), 1, 1));
  if (first('kSocle')?.amount !== cents(socle[1]) || first('kPointValue2024')?.amount !== cents(point[1])) {
    fail('avenant 10-2022: the new chapter V and the table of annex 2 disagree');
  }
}

const kinds = ['kPointValue', 'kFloor', 'kFloorPerPoint', 'kFloorBaseWeighting', 'kMinimumWeighting',
  'kRisCapBasisPoints', 'kPointValue2024', 'kSocle'];
for (const kind of kinds) {
  const dates = rules.filter((r) => r.kind === kind).map((r) => r.from);
  if (dates.length === 0) fail(`no rule of kind ${kind}`);
  if (new Set(dates).size !== dates.length) fail(`two values of ${kind} from the same date`);
}
rules.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.from.localeCompare(b.from));

const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
writeFileSync(jsonOut, `${JSON.stringify({ idcc: 1261, package: `@socialgouv/kali-data@${packageVersion}`,
  rules }, null, 2)}\n`);

const literal = (s) => JSON.stringify(s);  // A JSON string is a valid C++ narrow string literal.
const rows = rules.map((r) => {
  const [y, m, d] = r.from.split('-').map(Number);
  return `    {Date{std::chrono::year{${y}}, std::chrono::month{${m}}, std::chrono::day{${d}}}, ` +
    `AlisfaRuleKind::${r.kind}, ${r.amount}, ${literal(r.article)}, ${literal(r.source)}},`;
}).join('\n');
writeFileSync(ccOut, `// Generated by cmake/alisfa_rules.mjs from @socialgouv/kali-data@${packageVersion}
// (${kAgreementFile}); do not edit.
#include <array>
#include <span>

#include "domain/staffing/alisfa.h"

namespace ensemble::staffing {

std::span<const AlisfaRule> AlisfaRules() {
  static constexpr std::array<AlisfaRule, ${rules.length}> kRules = {{
${rows}
  }};
  return kRules;
}

}  // namespace ensemble::staffing
`);
