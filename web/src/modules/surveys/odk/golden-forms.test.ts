// @vitest-environment jsdom
// What the XForms Ensemble writes do in ODK's own engine: each file of tests/surveys/golden/ is
// the exact output of the C++ XForm writer for an XLSForm of its tests (xform_test.cc compares
// them byte for byte), loaded here by @getodk/xforms-engine, answered, and read back as the
// instance a submission would store. A form that loads can still behave wrongly: each relevant,
// constraint, choice filter and calculation is exercised.
import { describe, expect, test } from 'vitest';
import bienVieillir from '../../../../../tests/surveys/golden/bien_vieillir.xml?raw';
import { loadForm } from './engine-kit';

describe('the senior questionnaire as the XForm writer produced it', () => {
  test('filters the centres by territory, checks the age, shows the carers only to who lives with someone', async () => {
    const form = await loadForm(bienVieillir);
    const { node } = form;

    // choice_filter: the centres of the chosen territory only.
    node('/data/territoire').selectValue!('roubaix');
    expect(node('/data/centre').currentState.valueOptions!.map((o) => o.value)).toEqual(['alma']);
    node('/data/territoire').selectValue!('lille');
    expect(node('/data/centre').currentState.valueOptions!.map((o) => o.value)).toEqual(['echo']);
    node('/data/centre').selectValue!('echo');

    // constraint, with its message in the default language (French).
    node('/data/age').setValue!(45);
    expect(node('/data/age').validationState?.constraint?.message?.asString).toBe('Entre 60 et 110 ans');
    node('/data/age').setValue!(72);
    expect(node('/data/age').validationState?.constraint?.valid).toBe(true);

    // relevant on the repeat: the carers only when the person does not live alone.
    node('/data/seul').selectValue!('oui');
    expect(node('/data/aidant').currentState.relevant).toBe(false);
    node('/data/seul').selectValue!('non');
    expect(node('/data/aidant').currentState.relevant).toBe(true);

    // The repeat starts with one carer; a second is added; the sum follows both.
    const carers = node('/data/aidant');
    carers.addInstances!();
    const instances = carers.currentState.children!;
    expect(instances).toHaveLength(2);
    const hours = (i: number) => instances[i].currentState.children!.find((c) => c.currentState.reference.endsWith('/heures'))!;
    const relation = (i: number) => instances[i].currentState.children!.find((c) => c.currentState.reference.endsWith('/lien'))!;
    relation(0).setValue!('fille');
    hours(0).setValue!(6);
    relation(1).setValue!('voisin');
    hours(1).setValue!(3);
    expect(Number(node('/data/heures_aide').currentState.value)).toBe(9);
    // A carer's hours cannot be negative (the constraint is relative to the repeated node).
    hours(1).setValue!(-2);
    expect(hours(1).validationState?.constraint?.valid).toBe(false);
    hours(1).setValue!(3);

    node('/data/besoins').selectValues!(['mobilite', 'numerique']);
    expect(form.root.validationState.violations).toEqual([]);

    const xml = await form.xml();
    expect(xml).toMatch(/^<data id="bien_vieillir" version="2026-12"/);
    for (const part of [
      '<territoire>lille</territoire>',
      '<centre>echo</centre>',
      '<age>72</age>',
      '<seul>non</seul>',
      '<aidant><lien>fille</lien><heures>6</heures></aidant><aidant><lien>voisin</lien><heures>3</heures></aidant>',
      '<heures_aide>9</heures_aide>',
      '<besoins>mobilite numerique</besoins>',
      '<instanceName>echo-72</instanceName>',
    ]) {
      expect(xml).toContain(part);
    }
    // The start time is the device's (jr:preload), the instanceID a uuid (jr:preload="uid").
    expect(xml).toMatch(/<debut>\d{4}-\d\d-\d\dT/);
    expect(xml).toMatch(/<instanceID>uuid:[0-9a-f-]{36}<\/instanceID>/);
  });

  test('refuses to send while a required answer is missing', async () => {
    const form = await loadForm(bienVieillir);
    expect(form.node('/data/age').currentState.required).toBe(true);
    expect(form.root.validationState.violations.length).toBeGreaterThan(0);
  });
});
