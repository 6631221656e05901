// Harness page of e2e/odk-engine.test.mjs: loads /forms/<name>.xml (?form=<name>, or the XML
// posted into window.odkHarness.load) with mountOdkForm, under the server's real CSP, and records
// what happens in window.odkHarness for the test to read.
import { mountOdkForm, type OdkFormHandle, type OdkSubmission } from '../../src/modules/surveys/odk/mount';

interface Harness {
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  submissions: OdkSubmission[];
  violations: string[];
  handle: OdkFormHandle | null;
  load(xml: string, language?: string, instanceXml?: string): Promise<void>;
  currentXml(): Promise<string | null>;
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI || '(inline)'} ${event.sourceFile}:${event.lineNumber}`);
});

const container = document.getElementById('form') as HTMLElement;
const submissionView = document.getElementById('submission') as HTMLElement;

const harness: Harness = {
  status: 'loading',
  error: null,
  submissions: [],
  violations,
  handle: null,
  async load(xml, language, instanceXml) {
    harness.handle?.unmount();
    harness.status = 'loading';
    harness.error = null;
    harness.handle = mountOdkForm(container, {
      xml,
      language,
      instanceXml,
      onSubmit(submission) {
        harness.submissions.push(submission);
        submissionView.textContent = submission.xml;
        submissionView.hidden = false;
      },
    });
    try {
      await harness.handle.ready;
      harness.status = 'ready';
    } catch (error) {
      harness.status = 'error';
      harness.error = error;
    }
    document.body.dataset.odkStatus = harness.status;
  },
  currentXml: () => harness.handle?.currentXml() ?? Promise.resolve(null),
};
(window as unknown as { odkHarness: Harness }).odkHarness = harness;

const params = new URLSearchParams(location.search);
const name = params.get('form');
if (name) {
  void fetch(`/forms/${encodeURIComponent(name)}.xml`)
    .then((response) => response.text())
    .then((xml) => harness.load(xml, params.get('lang') ?? undefined));
} else {
  document.body.dataset.odkStatus = 'idle';
}
