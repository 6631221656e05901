// The questionnaire editor without the page: the CSV it writes for each type (as the server's
// ReadCsvWorkbook reads it), the quoting, the conditions' expressions, the names made from the
// labels, the checks before sending, and a questionnaire read back into the model.
import { describe, expect, it } from 'vitest';
import {
  DRAFT_KEY,
  addItem,
  asCopy,
  changeType,
  clearDraft,
  conditionExpression,
  constraintExpression,
  csvField,
  duplicateItem,
  earlierQuestions,
  loadDraft,
  moveItem,
  newChoice,
  newDraft,
  newGroup,
  newQuestion,
  parseCondition,
  parseCsv,
  problemKey,
  readCsv,
  readSheets,
  removeItem,
  resolveChoiceNames,
  resolveFormId,
  resolveNames,
  saveDraft,
  slug,
  validate,
  writeCsv,
  type Choice,
  type Condition,
  type Draft,
  type Group,
  type Item,
  type Question,
  type QuestionType,
} from './editor';

const choice = (labelFr: string, labelEn = '', name = ''): Choice => ({ ...newChoice(), labelFr, labelEn, name });

function question(type: QuestionType, labelFr: string, changes: Partial<Question> = {}): Question {
  return { ...newQuestion(type), labelFr, ...changes };
}

const condition = (changes: Partial<Condition>): Condition => ({ mode: 'if', question: '', operator: '=', value: '', expression: '', ...changes });

function draftOf(items: Item[], title = 'Atelier cuisine'): Draft {
  return { ...newDraft(), settings: { ...newDraft().settings, title }, items };
}

/** The CSV's lines, without the line break that ends the last. */
const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

/** The model without its keys (new ones at each reading), conditions pointing at positions instead. */
function shape(draft: Draft): unknown {
  const all = [...draft.items.flatMap((item) => (item.kind === 'group' ? [item, ...item.items] : [item]))];
  const at = (key: string) => all.findIndex((item) => item.key === key);
  const choiceAt = (key: string) => {
    for (const item of all) if (item.kind === 'question') {
      const index = item.choices.findIndex((c) => c.key === key);
      if (index >= 0) return `choice ${index}`;
    }
    return key;
  };
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === 'key') continue;
        if (k === 'relevant') {
          const c = v as Condition;
          out[k] = c.mode === 'if' ? { ...c, question: at(c.question), value: choiceAt(c.value) } : c;
        } else out[k] = strip(v);
      }
      return out;
    }
    return value;
  };
  return strip(draft);
}

describe('the CSV the editor writes', () => {
  it('writes each type, the groups, the choices under the question name and the settings', () => {
    const family = question('select_one', 'Venez-vous en famille ?', {
      labelEn: 'Do you come with your family?',
      required: true,
      choices: [choice('Oui', 'Yes'), choice('Non', 'No'), choice('Parfois', 'Sometimes')],
    });
    const age = question('integer', 'Votre âge', { required: true, requiredMessageFr: 'Dites votre âge.', constraint: { min: '0', max: '120', expression: '', messageFr: 'Entre 0 et 120.' } });
    const dishes = question('select_multiple', 'Quels plats aimez-vous ?', { choices: [choice('Soupes, potages', '', 'soupes'), choice('Desserts')] });
    const children = question('integer', 'Combien d’enfants ?', { relevant: condition({ question: family.key, value: family.choices[0].key }) });
    const group: Group = {
      ...newGroup(),
      labelFr: 'Vos habitudes',
      items: [question('date', 'Première venue'), question('time', 'Heure d’arrivée'), question('decimal', 'Budget', { hintFr: 'En euros' })],
    };
    const draft = draftOf([
      question('text', 'Votre prénom', { hintFr: 'Comme on vous appelle', hintEn: 'What people call you' }),
      age,
      family,
      dishes,
      children,
      group,
      question('note', 'Merci !'),
      question('acknowledge', 'J’accepte'),
    ]);
    draft.settings.version = '2026-12';
    expect(validate(draft)).toEqual([]);
    expect(lines(writeCsv(draft).csv)).toEqual([
      'survey,type,name,label::Français (fr),label::English (en),hint::Français (fr),hint::English (en),required,required_message::Français (fr),relevant,constraint,constraint_message::Français (fr)',
      ',text,votre_prenom,Votre prénom,,Comme on vous appelle,What people call you,,,,,',
      ',integer,votre_age,Votre âge,,,,yes,Dites votre âge.,,. >= 0 and . <= 120,Entre 0 et 120.',
      ',select_one venez_vous_en_famille,venez_vous_en_famille,Venez-vous en famille ?,Do you come with your family?,,,yes,,,,',
      ',select_multiple quels_plats_aimez_vous,quels_plats_aimez_vous,Quels plats aimez-vous ?,,,,,,,,',
      ",integer,combien_d_enfants,Combien d’enfants ?,,,,,,${venez_vous_en_famille} = 'oui',,",
      ',begin_group,vos_habitudes,Vos habitudes,,,,,,,,',
      ',date,premiere_venue,Première venue,,,,,,,,',
      ',time,heure_d_arrivee,Heure d’arrivée,,,,,,,,',
      ',decimal,budget,Budget,,En euros,,,,,,',
      ',end_group,,,,,,,,,,',
      ',note,merci,Merci !,,,,,,,,',
      ',acknowledge,j_accepte,J’accepte,,,,,,,,',
      'choices,list_name,name,label::Français (fr),label::English (en)',
      ',venez_vous_en_famille,oui,Oui,Yes',
      ',venez_vous_en_famille,non,Non,No',
      ',venez_vous_en_famille,parfois,Parfois,Sometimes',
      ',quels_plats_aimez_vous,soupes,"Soupes, potages",',
      ',quels_plats_aimez_vous,desserts,Desserts,',
      'settings,form_title,form_id,version,default_language',
      ',Atelier cuisine,atelier_cuisine,2026-12,Français (fr)',
    ]);
  });

  it('leaves out the columns nobody fills and the choices sheet of a form without selects', () => {
    expect(lines(writeCsv(draftOf([question('text', 'Votre prénom')])).csv)).toEqual([
      'survey,type,name,label::Français (fr)',
      ',text,votre_prenom,Votre prénom',
      'settings,form_title,form_id,version,default_language',
      ',Atelier cuisine,atelier_cuisine,1,Français (fr)',
    ]);
  });

  it('quotes commas, quotes, line breaks and edge spaces, as RFC 4180 says, and reads them back', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('il a dit "oui"')).toBe('"il a dit ""oui"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField(' espace')).toBe('" espace"');
    expect(csvField("${seul} = 'non'")).toBe("${seul} = 'non'");
    const draft = draftOf([question('note', 'Bonjour,\nmerci de "répondre" ; l’équipe')], 'Titre, "entre guillemets"');
    const { csv } = writeCsv(draft);
    expect(csv).toContain(',note,bonjour_merci_de_repondre_l,"Bonjour,\nmerci de ""répondre"" ; l’équipe"\r\n');
    expect(csv).toContain(',"Titre, ""entre guillemets""",titre_entre_guillemets,1,Français (fr)');
    const survey = readSheets(csv).get('survey')!;
    expect(survey.rows[0][2]).toBe('Bonjour,\nmerci de "répondre" ; l’équipe');
    expect(readCsv(csv).draft.settings.title).toBe('Titre, "entre guillemets"');
  });

  it('numbers the rows as the server does, so that its problems find their question', () => {
    const first = question('text', 'Un');
    const select = question('select_one', 'Deux', { choices: [choice('A'), choice('B')] });
    const group: Group = { ...newGroup(), labelFr: 'G', items: [question('text', 'Trois')] };
    const written = writeCsv(draftOf([first, select, group]));
    expect(problemKey(written, { sheet: 'survey', row: 2 })).toBe(first.key);
    expect(problemKey(written, { sheet: 'survey', row: 3 })).toBe(select.key);
    expect(problemKey(written, { sheet: 'survey', row: 4 })).toBe(group.key);
    expect(problemKey(written, { sheet: 'survey', row: 5 })).toBe(group.items[0].key);
    expect(problemKey(written, { sheet: 'survey', row: 6 })).toBe(group.key);
    expect(problemKey(written, { sheet: 'choices', row: 3 })).toBe(select.key);
    expect(problemKey(written, { sheet: 'settings', row: 2 })).toBe('settings');
    expect(problemKey(written, { sheet: 'survey', row: null })).toBeNull();
    expect(problemKey(written, { sheet: 'survey', row: 40 })).toBeNull();
  });
});

describe('the conditions and checks', () => {
  const select = question('select_one', 'Vivez-vous seul ?', { name: 'seul', choices: [choice('Oui'), choice('Non', '', 'non')] });
  const several = question('select_multiple', 'Qui vous aide ?', { name: 'aides', choices: [choice('Famille', '', 'famille')] });
  const target = (q: Question) => ({ name: q.name, type: q.type, choiceNames: new Map(q.choices.map((c, i) => [c.key, c.name || ['oui', 'non'][i]])) });

  it('writes the builder’s conditions: quoted for texts and choices, bare for numbers, selected() for several', () => {
    expect(conditionExpression(condition({ value: select.choices[1].key }), target(select))).toBe("${seul} = 'non'");
    expect(conditionExpression(condition({ operator: '!=', value: select.choices[1].key }), target(select))).toBe("${seul} != 'non'");
    const age = { name: 'age', type: 'integer' as const };
    expect(conditionExpression(condition({ operator: '>=', value: '18' }), age)).toBe('${age} >= 18');
    expect(conditionExpression(condition({ operator: '<', value: '1,5' }), { name: 'taille', type: 'decimal' })).toBe('${taille} < 1.5');
    expect(conditionExpression(condition({ value: 'Lille' }), { name: 'ville', type: 'text' })).toBe("${ville} = 'Lille'");
    expect(conditionExpression(condition({ value: "l'eau" }), { name: 'boisson', type: 'text' })).toBe('${boisson} = "l\'eau"');
    expect(conditionExpression(condition({ operator: '>', value: '2026-01-01' }), { name: 'venue', type: 'date' })).toBe("${venue} > date('2026-01-01')");
    expect(conditionExpression(condition({ operator: 'selected', value: several.choices[0].key }), target(several))).toBe("selected(${aides}, 'famille')");
    expect(conditionExpression(condition({ operator: 'not_selected', value: several.choices[0].key }), target(several))).toBe(
      "not(selected(${aides}, 'famille'))",
    );
    expect(conditionExpression({ ...condition({}), mode: 'always' }, age)).toBe('');
    expect(conditionExpression({ ...condition({}), mode: 'expression', expression: ' ${age} > 60 or ${seul} = "oui" ' }, undefined)).toBe(
      '${age} > 60 or ${seul} = "oui"',
    );
  });

  it('reads the builder’s conditions back, and keeps any other as an expression', () => {
    const age = question('integer', 'Âge', { name: 'age' });
    const earlier = [age, select, several];
    const names = new Map(earlier.map((q) => [q.key, q.name]));
    expect(parseCondition('${age} >= 18', earlier, names)).toMatchObject({ mode: 'if', question: age.key, operator: '>=', value: '18' });
    expect(parseCondition("${seul} = 'non'", earlier, names)).toMatchObject({ mode: 'if', question: select.key, value: select.choices[1].key });
    expect(parseCondition("not(selected(${aides}, 'famille'))", earlier, names)).toMatchObject({ mode: 'if', operator: 'not_selected', value: several.choices[0].key });
    for (const other of ["${seul} = 'peut-être'", "${age} >= '18'", '${age} > 60 and ${age} < 80', '${plus_tard} = 1', "selected(${seul}, 'non')"]) {
      expect(parseCondition(other, earlier, names), other).toMatchObject({ mode: 'expression', expression: other });
    }
    expect(parseCondition('', earlier, names).mode).toBe('always');
  });

  it('writes a number’s bounds, with an expression after them', () => {
    const age = question('integer', 'Âge', { constraint: { min: '0', max: '120', expression: '', messageFr: '' } });
    expect(constraintExpression(age)).toBe('. >= 0 and . <= 120');
    expect(constraintExpression({ ...age, constraint: { ...age.constraint, max: '' } })).toBe('. >= 0');
    expect(constraintExpression({ ...age, constraint: { ...age.constraint, min: '', max: '10,5' } })).toBe('. <= 10.5');
    expect(constraintExpression({ ...age, constraint: { ...age.constraint, expression: '. != 99' } })).toBe('. >= 0 and . <= 120 and (. != 99)');
    expect(constraintExpression(question('text', 'Code', { constraint: { min: '1', max: '', expression: 'string-length(.) = 5', messageFr: '' } }))).toBe(
      'string-length(.) = 5',
    );
  });
});

describe('the names made from the labels', () => {
  it('are XML names without accents, cut at a word', () => {
    expect(slug('Quel âge avez-vous ?')).toBe('quel_age_avez_vous');
    expect(slug('Œuvres préférées')).toBe('oeuvres_preferees');
    expect(slug('1er enfant')).toBe('q_1er_enfant');
    expect(slug('1er enfant', { leadingDigit: true })).toBe('1er_enfant');
    expect(slug('Combien de fois êtes-vous venu au centre social depuis janvier ?')).toBe('combien_de_fois_etes_vous_venu');
    expect(slug('???')).toBe('');
  });

  it('are unique across the form, and leave the names given alone', () => {
    const draft = draftOf([question('text', 'Âge'), question('integer', 'Âge'), question('text', 'Autre', { name: 'age_2' }), question('text', '?'), question('text', 'Meta')]);
    expect([...resolveNames(draft).values()]).toEqual(['age', 'age_3', 'age_2', 'question', 'meta_2']);
    expect(resolveFormId(draft.settings)).toBe('atelier_cuisine');
    expect(resolveFormId({ ...draft.settings, formId: 'mon_id' })).toBe('mon_id');
    expect(resolveFormId({ ...draft.settings, title: '' })).toBe('questionnaire');
  });

  it('are unique within a list for the choices', () => {
    const q = question('select_one', 'Q', { choices: [choice('Oui'), choice('Oui'), choice('1 fois'), choice('')] });
    expect(lines(writeCsv(draftOf([q])).csv).slice(3, 7)).toEqual([',q,oui,Oui', ',q,oui_2,Oui', ',q,1_fois,1 fois', ',q,choix_4,']);
  });
});

describe('the checks before sending', () => {
  const messages = (draft: Draft) => validate(draft).map((issue) => [issue.field, issue.message]);

  it('finds an empty label, duplicate names, a select without choices and a missing title', () => {
    const a = question('text', '', { name: 'nom' });
    const b = question('integer', 'Âge', { name: 'nom' });
    const c = question('select_one', 'Choix', { choices: [] });
    const d = question('select_multiple', 'Plusieurs', { choices: [choice(''), choice('X', '', 'a b')] });
    const draft = draftOf([a, b, c, d], ' ');
    expect(messages(draft)).toEqual([
      ['settings.title', 'surveys.web.editor.error.title'],
      [`${a.key}.name`, 'surveys.web.editor.error.duplicate_name'],
      [`${a.key}.label_fr`, 'surveys.web.editor.error.label'],
      [`${b.key}.name`, 'surveys.web.editor.error.duplicate_name'],
      [`${c.key}.choices`, 'surveys.web.editor.error.no_choice'],
      [`${d.key}.${d.choices[0].key}.label_fr`, 'surveys.web.editor.error.choice_label'],
      [`${d.key}.${d.choices[1].key}.name`, 'surveys.web.editor.error.choice_space'],
    ]);
  });

  it('finds a condition on a later question, by the builder or in an expression', () => {
    const first = question('text', 'Premier', { name: 'premier' });
    const later = question('integer', 'Plus tard', { name: 'plus_tard' });
    first.relevant = condition({ question: later.key, value: '3' });
    const third = question('text', 'Trois', { relevant: { ...condition({}), mode: 'expression', expression: '${premier} = 1 or ${quatre} = 2' } });
    const fourth = question('text', 'Quatre', { name: 'quatre', relevant: { ...condition({}), mode: 'expression', expression: "${inconnue} = 'x'" } });
    const issues = validate(draftOf([first, later, third, fourth]));
    expect(issues.map((issue) => [issue.key, issue.message, issue.params])).toEqual([
      [first.key, 'surveys.web.editor.error.condition_later', { name: 'plus_tard' }],
      [third.key, 'surveys.web.editor.error.condition_later', { name: 'quatre' }],
      [fourth.key, 'surveys.web.editor.error.unknown_reference', { name: 'inconnue' }],
    ]);
    // Moved after it, the condition reads an earlier question.
    expect(validate(draftOf([later, first]))).toEqual([]);
  });

  it('checks the builder’s values and a number’s bounds', () => {
    const age = question('integer', 'Âge', { constraint: { min: 'dix', max: '', expression: '', messageFr: '' } });
    const select = question('select_one', 'Seul ?', { choices: [choice('Oui')] });
    const bounds = question('decimal', 'Taille', { constraint: { min: '2', max: '1', expression: '', messageFr: '' } });
    const onAge = question('text', 'A', { relevant: condition({ question: age.key, value: 'beaucoup' }) });
    const onSelect = question('text', 'B', { relevant: condition({ question: select.key, value: '' }) });
    const nothing = question('text', 'C', { relevant: condition({ question: '' }) });
    expect(messages(draftOf([age, select, bounds, onAge, onSelect, nothing])).map(([f, m]) => [f.split('.').pop(), m])).toEqual([
      ['constraint_min', 'surveys.web.editor.error.number'],
      ['constraint_max', 'surveys.web.editor.error.max_below_min'],
      ['relevant_value', 'surveys.web.editor.error.number'],
      ['relevant_value', 'surveys.web.editor.error.condition_choice'],
      ['relevant_question', 'surveys.web.editor.error.condition_question'],
    ]);
  });

  it('refuses bad names, an empty group and a form without questions', () => {
    const bad = question('text', 'A', { name: '2e question' });
    const meta = question('text', 'B', { name: 'meta' });
    const empty: Group = { ...newGroup(), items: [] };
    expect(messages(draftOf([bad, meta, empty])).map(([, m]) => m)).toEqual([
      'surveys.web.editor.error.bad_name',
      'surveys.web.editor.error.reserved_name',
      'surveys.web.editor.error.empty_group',
    ]);
    expect(messages(draftOf([]))).toEqual([['draft.items', 'surveys.web.editor.error.no_question']]);
    expect(messages({ ...draftOf([question('text', 'A')]), settings: { ...newDraft().settings, title: 'T', formId: 'mon id' } })).toEqual([
      ['settings.form_id', 'surveys.web.editor.error.form_id'],
    ]);
  });
});

describe('editing', () => {
  it('moves, removes and adds within the list that holds the part', () => {
    const [a, b, c] = [question('text', 'A'), question('text', 'B'), question('text', 'C')];
    const group: Group = { ...newGroup(), items: [b, c] };
    let draft = draftOf([a, group]);
    draft = moveItem(draft, c.key, -1);
    expect((draft.items[1] as Group).items.map((q) => q.key)).toEqual([c.key, b.key]);
    draft = moveItem(draft, a.key, 1);
    expect(draft.items.map((item) => item.key)).toEqual([group.key, a.key]);
    expect(moveItem(draft, a.key, 1)).toEqual(draft);
    draft = removeItem(draft, b.key);
    expect((draft.items[0] as Group).items.map((q) => q.key)).toEqual([c.key]);
    const d = question('text', 'D');
    draft = addItem(draft, d, group.key);
    expect((draft.items[0] as Group).items.map((q) => q.key)).toEqual([c.key, d.key]);
    expect(earlierQuestions(draft, d.key).map((q) => q.key)).toEqual([c.key]);
  });

  it('duplicates a question with a name of its own, and a group with its conditions following the copy', () => {
    const a = question('select_one', 'A', { name: 'a', choices: [choice('Oui')] });
    const b = question('text', 'B', { relevant: condition({ question: a.key, value: a.choices[0].key }) });
    const group: Group = { ...newGroup(), name: 'g', labelFr: 'G', items: [a, b] };
    const { draft, key } = duplicateItem(draftOf([group]), group.key);
    const copy = draft.items[1] as Group;
    expect(copy.key).toBe(key);
    expect(copy.name).toBe('g_2');
    const [a2, b2] = copy.items as Question[];
    expect(a2.name).toBe('a_2');
    expect(b2.relevant.question).toBe(a2.key);
    expect(b2.relevant.value).toBe(a2.choices[0].key);
    expect(validate(draft)).toEqual([]);
    expect([...resolveNames(draft).values()]).toEqual(['g', 'a', 'b', 'g_2', 'a_2', 'b_2']);
  });

  it('gives a new select a first choice, and a note no answer rules', () => {
    const age = question('integer', 'Âge', { required: true, constraint: { min: '0', max: '9', expression: '. != 5', messageFr: 'Non' } });
    expect(changeType(age, 'select_one').choices).toHaveLength(1);
    expect(changeType(age, 'text').constraint).toEqual({ min: '', max: '', expression: '. != 5', messageFr: 'Non' });
    const note = changeType(age, 'note');
    expect(note.required).toBe(false);
    expect(note.constraint.expression).toBe('');
  });
});

describe('a questionnaire read back', () => {
  it('gives back the model it was written from', () => {
    const family = question('select_one', 'Venez-vous en famille ?', { labelEn: 'Family?', choices: [choice('Oui', 'Yes'), choice('Non', 'No')] });
    const dishes = question('select_multiple', 'Plats', { choices: [choice('Soupes, "maison"'), choice('Desserts')] });
    const group: Group = {
      ...newGroup(),
      labelFr: 'Détails',
      relevant: condition({ question: family.key, value: family.choices[0].key }),
      items: [
        question('integer', 'Enfants', { required: true, requiredMessageFr: 'Combien ?', constraint: { min: '0', max: '12', expression: '', messageFr: 'De 0 à 12.' } }),
        question('date', 'Depuis', { relevant: condition({ question: dishes.key, operator: 'not_selected', value: dishes.choices[1].key }) }),
      ],
    };
    const draft = draftOf([
      question('text', 'Prénom', { hintFr: 'Ligne 1\nligne 2', hintEn: 'Hint' }),
      family,
      dishes,
      group,
      question('decimal', 'Taille', { constraint: { min: '', max: '', expression: '. > ${enfants}', messageFr: 'Trop petit' } }),
      question('text', 'Ville', { relevant: { ...condition({}), mode: 'expression', expression: '${taille} > 1 or ${enfants} = 0' } }),
      question('note', 'Merci'),
    ]);
    draft.settings.version = '3';
    const written = writeCsv(draft);
    const reading = readCsv(written.csv);
    expect(reading.keptColumns).toEqual([]);
    expect(reading.keptTypes).toEqual([]);
    expect(writeCsv(reading.draft).csv).toBe(written.csv);
    // The names came from the labels; read back, they are the questions' and choices' own.
    const names = resolveNames(draft);
    const named = (item: Item): Item => {
      if (item.kind === 'verbatim') return item;
      if (item.kind === 'group') return { ...item, name: names.get(item.key)!, items: item.items.map(named) as Question[] };
      const choiceNames = resolveChoiceNames(item);
      return { ...item, name: names.get(item.key)!, choices: item.choices.map((c) => ({ ...c, name: choiceNames.get(c.key)! })) };
    };
    const settings = { ...draft.settings, formId: 'atelier_cuisine' };
    expect(shape(reading.draft)).toEqual(shape({ ...draft, settings, items: draft.items.map(named) }));
  });

  it('reads a file made in Excel: plain labels, older spellings, shared lists, bounds and conditions', () => {
    const csv = [
      'survey,type,name,label,Hint,required,relevant,constraint,constraint_message,appearance',
      ',integer,age,Quel âge avez-vous ?,,yes,,. >= 60 and . <= 110,Entre 60 et 110 ans.,',
      ',select one oui_non,seul,Vivez-vous seul·e ?,,TRUE,,,,minimal',
      ",select_one oui_non,aide,Êtes-vous aidé·e ?,,,${seul} = 'oui',,,",
      ',text,qui,Qui ?,Un prénom,,${age} > 80 and ${aide} = \'oui\',,,',
      'choices,list_name,name,label,filtre',
      ',oui_non,oui,Oui,',
      ',oui_non,non,Non,x',
      'settings,form_title,form_id,version,style',
      ',Besoins des seniors,besoins_seniors,4,pages',
      'notes,texte',
      ',rien',
      '',
    ].join('\n');
    const { draft, keptColumns, keptTypes, ignoredSheets } = readCsv(csv);
    expect(ignoredSheets).toEqual(['notes']);
    expect(keptTypes).toEqual([]);
    expect(keptColumns).toEqual(['appearance', 'filtre', 'style']);
    expect(draft.settings).toMatchObject({ title: 'Besoins des seniors', formId: 'besoins_seniors', version: '4', kept: { style: 'pages' } });
    const [age, seul, aide, qui] = draft.items as Question[];
    expect(age).toMatchObject({ type: 'integer', name: 'age', labelFr: 'Quel âge avez-vous ?', required: true, constraint: { min: '60', max: '110', expression: '', messageFr: 'Entre 60 et 110 ans.' } });
    expect(seul).toMatchObject({ type: 'select_one', required: true, kept: { appearance: 'minimal' } });
    expect(seul.choices.map((c) => [c.name, c.labelFr, c.kept])).toEqual([['oui', 'Oui', {}], ['non', 'Non', { filtre: 'x' }]]);
    // Each select has its own copy of the shared list, under its name.
    expect(aide.choices.map((c) => c.name)).toEqual(['oui', 'non']);
    expect(aide.relevant).toMatchObject({ mode: 'if', question: seul.key, value: seul.choices[0].key });
    expect(qui).toMatchObject({ hintFr: 'Un prénom', relevant: { mode: 'expression', expression: "${age} > 80 and ${aide} = 'oui'" } });
    expect(validate(draft)).toEqual([]);
    const written = lines(writeCsv(asCopy(draft)).csv);
    expect(written).toContain(',select_one seul,seul,Vivez-vous seul·e ?,,yes,,,,minimal');
    expect(written).toContain(',aide,non,Non,x');
    expect(written.slice(-2)).toEqual(['settings,form_title,form_id,version,default_language,style', ',Besoins des seniors,besoins_seniors_copie,4,Français (fr),pages']);
    expect(asCopy(draft, new Set(['besoins_seniors_copie'])).settings.formId).toBe('besoins_seniors_copie_2');
  });

  it('keeps what the editor does not edit as it is: other types, repeats, groups in groups', () => {
    const csv = [
      'survey,type,name,label::English (en),label::Français (fr),calculation',
      ',geopoint,lieu,Place,Lieu,',
      ',begin_group,foyer,Household,Foyer,',
      ',text,nom,Name,Nom,',
      ',begin_group,detail,Detail,Détail,',
      ',integer,n,N,N,',
      ',end_group,,,,',
      ',end_group,,,,',
      ',begin repeat,enfants,Children,Enfants,',
      ',select_one sexe,sexe,Sex,Sexe,',
      ',end repeat,,,,',
      ',calculate,total,,,1 + 1',
      ',select_one sexe or_other,autre,Other,Autre,',
      'choices,list_name,name,label::Français (fr)',
      ',sexe,f,Fille',
      ',sexe,g,Garçon',
      'settings,form_title,default_language',
      ',Foyers,English (en)',
    ].join('\r\n');
    const { draft, keptTypes } = readCsv(csv);
    expect(keptTypes).toEqual(['geopoint', 'begin_group', 'begin repeat', 'calculate', 'select_one sexe or_other']);
    expect(draft.items.map((item) => item.kind)).toEqual(['verbatim', 'group', 'verbatim', 'verbatim', 'verbatim']);
    const group = draft.items[1] as Group;
    expect(group.items.map((item) => item.kind)).toEqual(['question', 'verbatim']);
    expect(group.items[1]).toMatchObject({ rows: [{ type: 'begin_group', name: 'detail' }, { type: 'integer' }, { type: 'end_group' }] });
    expect(draft.keptChoices.map((row) => row.name)).toEqual(['f', 'g']);
    expect(validate(draft)).toEqual([]);
    const written = lines(writeCsv(draft).csv);
    expect(written[0]).toBe('survey,type,name,label::Français (fr),label::English (en),calculation');
    expect(written).toContain(',geopoint,lieu,Lieu,Place,');
    expect(written).toContain(',calculate,total,,,1 + 1');
    expect(written).toContain(',sexe,g,Garçon');
    // A new select may not take the name of a list kept as it is.
    const clash = addItem(draft, question('select_one', 'Sexe', { name: 'sexe', choices: [choice('A')] }));
    expect(validate(clash).map((issue) => issue.message)).toContain('surveys.web.editor.error.duplicate_name');
  });

  it('reads CSV as the server does: CRLF, quoted line breaks, a semicolon separator, a BOM, blank lines', () => {
    expect(parseCsv('a,"b\r\nc",d\r\n\r\ne')).toEqual([['a', 'b\nc', 'd'], [], ['e']]);
    expect(parseCsv('\uFEFFsurvey;type;name\n;text;a')).toEqual([['survey', 'type', 'name'], ['', 'text', 'a']]);
    expect(parseCsv('"a ""b""",c')).toEqual([['a "b"', 'c']]);
    const sheets = readSheets('survey\n,type,name\n,text,a\n\n,text,b\nsurvey,type,name\n,text,c\n');
    expect(sheets.get('survey')).toEqual({ name: 'survey', header: ['type', 'name'], rows: [['text', 'a'], [], ['text', 'b'], ['text', 'c']] });
    expect(() => readSheets(',text,a')).toThrow();
    expect(() => readCsv('choices,list_name\n,x')).toThrow();
  });
});

describe('the draft kept in the browser', () => {
  function fakeStorage() {
    const values = new Map<string, string>();
    return {
      values,
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
    };
  }

  it('is saved under one key, restored as it was, and cleared', () => {
    const storage = fakeStorage();
    const draft = draftOf([question('select_one', 'A', { choices: [choice('Oui')] }), { ...newGroup(), labelFr: 'G' }]);
    saveDraft(storage, draft);
    expect([...storage.values.keys()]).toEqual([DRAFT_KEY]);
    expect(loadDraft(storage)).toEqual(draft);
    clearDraft(storage);
    expect(loadDraft(storage)).toBeNull();
  });

  it('survives what is not a draft', () => {
    const storage = fakeStorage();
    storage.setItem(DRAFT_KEY, '{not json');
    expect(loadDraft(storage)).toBeNull();
    storage.setItem(DRAFT_KEY, JSON.stringify({ items: [{ kind: 'question', type: 'nonsense', labelFr: 3 }, { kind: 'other' }] }));
    const draft = loadDraft(storage)!;
    expect(draft.items).toHaveLength(1);
    expect(draft.items[0]).toMatchObject({ kind: 'question', type: 'text', labelFr: '', relevant: { mode: 'always' } });
    expect(draft.settings.defaultLanguage).toBe('Français (fr)');
    expect(loadDraft(undefined)).toBeNull();
  });
});
