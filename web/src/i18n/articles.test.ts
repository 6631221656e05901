import { describe, expect, it } from 'vitest';
import { frenchArticle } from './articles';
import { renderMessage } from './format';

const number = (n: number) => String(n);
const levelsOf = 'Niveaux {article, select, masc {du } fem {de la } elided {de l’} bare_elided {d’} other {de }}{structure}';
const render = (structure: string) =>
  renderMessage(levelsOf, { structure, article: frenchArticle(structure) }, 'fr-FR', number);

describe('French articles before structure names', () => {
  it('chooses the article of the first word', () => {
    expect(render('Centre social Alma')).toBe('Niveaux du Centre social Alma');
    expect(render('Maison de quartier Pile')).toBe('Niveaux de la Maison de quartier Pile');
    expect(render('Association Iciela')).toBe('Niveaux de l’Association Iciela');
    expect(render('Département du Nord')).toBe('Niveaux du Département du Nord');
  });

  it('elides before a proper name starting with a vowel, and leaves other names bare', () => {
    expect(render('ECHO')).toBe('Niveaux d’ECHO');
    expect(render('Roubaix Solidaire')).toBe('Niveaux de Roubaix Solidaire');
  });

  it('adds none to a name that brings its own', () => {
    expect(frenchArticle('La Maison des Jeunes')).toBe('other');
    expect(frenchArticle("L'Escale")).toBe('other');
    expect(frenchArticle('Le Relais')).toBe('other');
  });

  it('falls back to the other case for a value no case names', () => {
    expect(renderMessage('{a, select, masc {le } other {}}X', { a: 'inconnu' }, 'fr-FR', number)).toBe('X');
  });
});
