// @vitest-environment jsdom
// ODK's engine (@getodk/xforms-engine, the one inside @getodk/web-forms) headless, without a
// browser: load an XForm, answer, read the instance XML. Fast checks of our forms' logic.
import { describe, expect, test } from 'vitest';
import { loadForm } from './engine-kit';
import simpleXml from '../../../../e2e/odk-harness/forms/simple.xml?raw';

describe('@getodk/xforms-engine in Node (jsdom)', () => {
  test('loads the simple form, applies relevant / constraint / calculate, serializes', async () => {
    const started = performance.now();
    const { root, node, xml: instanceXml } = await loadForm(simpleXml);
    expect(node('/data/fruit').currentState.relevant).toBe(false);
    node('/data/name').setValue!('Claire');
    node('/data/age').setValue!(150);
    expect(node('/data/age').validationState?.constraint?.message?.asString).toBe('The age must be between 0 and 120');
    node('/data/age').setValue!(42);
    expect(node('/data/age_months').currentState.value).toBe(504n);
    const likes = node('/data/likes_fruit');
    likes.selectValue!('yes');
    expect(node('/data/fruit').currentState.relevant).toBe(true);
    node('/data/fruit').setValue!('Mango');
    expect(root.validationState.violations).toEqual([]);
    const xml = await instanceXml();
    expect(xml).toContain('<name>Claire</name><age>42</age><likes_fruit>yes</likes_fruit><fruit>Mango</fruit><age_months>504</age_months>');
    console.log(`engine in node: load + answers + serialize in ${Math.round(performance.now() - started)} ms`);
  });
});
