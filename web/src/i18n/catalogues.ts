// The registry of the catalogues the pages use: one line per module, each a pair of files
// messages/<module>/{fr,en}.json at the repository root (the server reads the same files).
// `catalogue` makes the build fail when the English file misses an id of the French one.
import aboutEn from '../../../messages/about/en.json';
import aboutFr from '../../../messages/about/fr.json';
import coreEn from '../../../messages/core/en.json';
import coreFr from '../../../messages/core/fr.json';
import kitEn from '../../../messages/kit/en.json';
import kitFr from '../../../messages/kit/fr.json';
import staffingEn from '../../../messages/staffing/en.json';
import staffingFr from '../../../messages/staffing/fr.json';
import surveysEn from '../../../messages/surveys/en.json';
import surveysFr from '../../../messages/surveys/fr.json';
import tenancyEn from '../../../messages/tenancy/en.json';
import tenancyFr from '../../../messages/tenancy/fr.json';

function catalogue<Fr extends Record<string, string>>(fr: Fr, en: Record<keyof Fr, string>) {
  return { fr, en };
}

export const CATALOGUES = {
  about: catalogue(aboutFr, aboutEn),
  core: catalogue(coreFr, coreEn),
  kit: catalogue(kitFr, kitEn),
  staffing: catalogue(staffingFr, staffingEn),
  surveys: catalogue(surveysFr, surveysEn),
  tenancy: catalogue(tenancyFr, tenancyEn),
};

type Catalogues = typeof CATALOGUES;

/** Every id of every catalogue: `t()` accepts nothing else. */
export type MessageId = {
  [Module in keyof Catalogues]: keyof Catalogues[Module]['fr'] & string;
}[keyof Catalogues];
