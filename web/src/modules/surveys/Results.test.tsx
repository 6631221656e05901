// @vitest-environment jsdom
// The words of a free-text question on the results: its label as heading, what the words are
// (used in at least `threshold` answers), the table of every word with its answers and the chart
// of the 15 most used, then the server's rule; with no word reaching the threshold, a notice
// instead of the table and the chart, the rule still under it. The chart kit is stubbed (no
// canvas in jsdom): what it is given is what is checked.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n';
import type { ChartProps } from '../../kit/Chart';
import type { TextQuestion } from './results';
import type { SurveyResults } from './types';

vi.mock('../../kit/Chart', () => ({
  Chart: ({ title, labels, series }: ChartProps) => (
    <figure data-labels={labels.join('|')} data-values={series[0]?.values.join('|')}>
      <figcaption>{title}</figcaption>
    </figure>
  ),
}));

const { WordsResult } = await import('./Results');

const RULE = 'Mots des réponses libres : seuls ceux qu’au moins 5 réponses emploient sont montrés.';
const RESULTS = { threshold: 5, word_rule: RULE } as SurveyResults;
const question = (words: TextQuestion['words']): TextQuestion => ({
  path: '/data/remarque',
  name: 'remarque',
  label: 'Voulez-vous ajouter quelque chose ?',
  words,
});

let root: HTMLDivElement;

async function show(words: TextQuestion['words']) {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(<WordsResult results={RESULTS} question={question(words)} />, root);
  });
}

afterEach(() => {
  render(null, root);
  root.remove();
  setLanguage('fr');
});

const texts = (selector: string) => [...root.querySelectorAll(selector)].map((node) => node.textContent?.trim());

describe('the words of a free-text question', () => {
  it('lists every word with its answers and charts the 15 most used, the rule under them', async () => {
    const words = Array.from({ length: 20 }, (_, i) => ({ word: `mot${i}`, answers: 40 - i }));
    await show(words);
    expect(root.querySelector('h3')?.textContent).toBe('Voulez-vous ajouter quelque chose ?');
    expect(root.textContent).toContain('Les mots employés dans au moins 5 réponses');
    const table = root.querySelector('table');
    expect(table?.querySelector('caption')?.textContent).toBe('Voulez-vous ajouter quelque chose ?\u00a0: mots employés et réponses qui les emploient');
    expect(texts('thead th')).toEqual(['Mot', 'Réponses']);
    expect(texts('tbody th .cell-value')).toEqual(words.map((word) => word.word));
    expect(texts('tbody td .cell-value')).toEqual(words.map((word) => String(word.answers)));
    const figure = root.querySelector('figure');
    expect(figure?.textContent).toBe('Voulez-vous ajouter quelque chose ?\u00a0: réponses qui emploient chacun des 15 mots les plus employés');
    expect(figure?.dataset.labels?.split('|')).toEqual(words.slice(0, 15).map((word) => word.word));
    expect(figure?.dataset.values?.split('|').map(Number)).toEqual(words.slice(0, 15).map((word) => word.answers));
    expect(root.querySelector('p.rule')?.textContent).toBe(RULE);
    expect(root.querySelector('.notice')).toBeNull();
  });

  it('says so when no word reaches the threshold, with no table nor chart', async () => {
    await show([]);
    expect(root.querySelector('h3')?.textContent).toBe('Voulez-vous ajouter quelque chose ?');
    expect(root.querySelector('.notice')?.textContent).toBe('Aucun mot n’est employé par assez de réponses pour être montré.');
    expect(root.querySelector('table')).toBeNull();
    expect(root.querySelector('figure')).toBeNull();
    expect(root.querySelector('p.rule')?.textContent).toBe(RULE);
  });

  it('speaks English', async () => {
    setLanguage('en');
    await show([{ word: 'bus', answers: 12 }]);
    expect(root.textContent).toContain('The words used in at least 5 answers');
    expect(texts('thead th')).toEqual(['Word', 'Answers']);
    expect(root.querySelector('figure')?.textContent).toBe('Voulez-vous ajouter quelque chose ?: answers that use the most used word');
    render(null, root);
    await act(() => {
      render(<WordsResult results={RESULTS} question={question([])} />, root);
    });
    expect(root.querySelector('.notice')?.textContent).toBe('No word is used by enough answers to be shown.');
  });
});
