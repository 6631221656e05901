// Fills an ODK XForm in one of our pages with ODK's own engine and widgets
// (@getodk/web-forms, a Vue 3 component library), from Preact or plain DOM code.
// vue and @getodk/web-forms (≈1 MB of JS, plus its CSS and fonts) are loaded on first use only:
// this module itself is small and can sit in any chunk.
//
// The build must use the plugin of vite.odk-plugin.ts, which makes the package's CSS a file and
// its run-time PrimeVue styles CSSOM, as our Content-Security-Policy requires.

/** One attached file of a submission (a photo, a signature...), named as in the instance XML. */
export type OdkAttachment = File;

export interface OdkSubmission {
  /** The instance XML (the `xml_submission_file` of an ODK submission). */
  xml: string;
  /** The other files of the submission. */
  attachments: OdkAttachment[];
  /** The form's <submission> settings, as the engine reads them (action URL, encryption key). */
  meta: { submissionAction: URL | null; submissionMethod: 'post'; encryptionKey: string | null };
}

export interface OdkFormError {
  message: string;
  detail?: string;
}

export interface MountOdkFormOptions {
  /** The XForm's XML. */
  xml: string;
  /** A language of the form's itext, by its label (`French (fr)`) or its code (`fr`). */
  language?: string;
  /**
   * Fetches a media or CSV/XML attachment of the form (jr://images/x.png comes as a URL).
   * Default: every attachment is missing.
   */
  fetchFormAttachment?: (url: URL) => Promise<Response>;
  /** An instance XML to load for editing (an earlier submission, a saved draft). */
  instanceXml?: string;
  /**
   * A valid form was sent. Resolve to start a blank form (the default), or to `'keep'` to keep
   * the filled one on screen.
   */
  onSubmit: (submission: OdkSubmission) => void | 'keep' | Promise<void | 'keep'>;
  /** The form could not be loaded (bad XML, unsupported feature...). */
  onError?: (error: OdkFormError) => void;
  /** The form is on screen, ready to be filled. */
  onReady?: () => void;
  /** Milliseconds to wait for the engine and the form before giving up (default 30 000). */
  timeoutMs?: number;
}

export interface OdkFormHandle {
  /** Resolves once the form is loaded, or rejects with its OdkFormError. */
  ready: Promise<void>;
  /** The instance as it is now, valid or not (for a draft): null before the form is ready. */
  currentXml(): Promise<string | null>;
  unmount(): void;
}

interface EngineLanguage {
  language: string;
  isSyntheticDefault?: boolean;
}
interface EnginePayload {
  status: string;
  data: readonly FormData[];
  submissionMeta: OdkSubmission['meta'];
}
interface EngineRoot {
  languages: readonly EngineLanguage[];
  setLanguage(language: EngineLanguage): unknown;
  prepareInstancePayload(options: { payloadType: 'monolithic' }): Promise<EnginePayload>;
}
interface VNodeLike {
  type?: unknown;
  component?: { subTree?: VNodeLike; props?: Record<string, unknown>; type?: { __name?: string } } | null;
  children?: unknown;
}

const INSTANCE_FILE = 'xml_submission_file';

// The style sheets the package's chunk brought (its CSS file, linked by Vite on first import):
// the package styles html and body too, so they are on only while one of its forms is mounted.
const packageLinks = new Set<HTMLLinkElement>();
let mounted = 0;

function linkedSheets(): HTMLLinkElement[] {
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
}

async function setPackageStyles(on: boolean): Promise<void> {
  const { setOdkStylesEnabled } = await import('./csp-styles');
  setOdkStylesEnabled(on);
  for (const link of packageLinks) link.disabled = !on;
}
const missing = async () => new Response(null, { status: 404 });

/** The engine's root node, which OdkWebForm hands to its FormHeader child as `form`. */
function findRoot(vnode: VNodeLike | undefined | null, depth = 0): EngineRoot | null {
  if (!vnode || depth > 60) return null;
  const component = vnode.component;
  if (component) {
    if (component.type?.__name === 'FormHeader' && component.props?.form) return component.props.form as EngineRoot;
    return findRoot(component.subTree, depth + 1);
  }
  if (Array.isArray(vnode.children)) {
    for (const child of vnode.children as VNodeLike[]) {
      const found = findRoot(child, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

async function toSubmission(payload: EnginePayload): Promise<OdkSubmission> {
  const data = payload.data[0];
  let xml = '';
  const attachments: File[] = [];
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') continue;
    if (name === INSTANCE_FILE) xml = await value.text();
    else attachments.push(value);
  }
  return { xml, attachments, meta: payload.submissionMeta };
}

function matchLanguage(languages: readonly EngineLanguage[], wanted: string): EngineLanguage | undefined {
  const lower = wanted.toLowerCase();
  return (
    languages.find((l) => l.language.toLowerCase() === lower) ??
    languages.find((l) => /\(([^)]+)\)\s*$/.exec(l.language)?.[1].toLowerCase() === lower)
  );
}

const LABELABLE = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'METER', 'OUTPUT', 'PROGRESS']);
let labelIds = 0;

/**
 * Some widgets put the question's <label for> on a wrapper (PrimeVue's InputNumber: a span
 * around the input), which leaves the input nameless for screen readers: name it by the label.
 */
export function labelWrappedInputs(root: HTMLElement): void {
  for (const label of root.querySelectorAll<HTMLLabelElement>('label[for]')) {
    const target = document.getElementById(label.htmlFor);
    if (!target || LABELABLE.has(target.tagName) || !root.contains(target)) continue;
    const control = target.querySelector<HTMLElement>('input, select, textarea');
    if (!control || control.hasAttribute('aria-labelledby') || control.hasAttribute('aria-label')) continue;
    if (!label.id) label.id = `odk-label-${++labelIds}`;
    control.setAttribute('aria-labelledby', label.id);
  }
}

declare global {
  // Read by the engine's maps (vite.odk-plugin.ts): the operator's tiles, or none.
  var __ensembleMapTiles: string | undefined;
  var __ensembleMapAttribution: string | undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The maps' tiles for the engine: the operator's tile server (GET /api/v1/map-settings; the
 * Content-Security-Policy allows its origin), else none. Leaflet's {s} is OpenLayers' {a-c}.
 */
async function setMapTiles(): Promise<void> {
  try {
    const answer = await fetch('/api/v1/map-settings', { credentials: 'same-origin' });
    if (!answer.ok) return;
    const settings = (await answer.json()) as { tile_url: string | null; attribution: string };
    globalThis.__ensembleMapTiles = settings.tile_url?.replace('{s}', '{a-c}') ?? undefined;
    globalThis.__ensembleMapAttribution = escapeHtml(settings.attribution ?? '');
  } catch {
    // No settings (a page without the API): the maps stay without tiles.
  }
}

export function mountOdkForm(element: HTMLElement, options: MountOdkFormOptions): OdkFormHandle {
  let unmounted = false;
  let teardown: (() => void) | null = null;
  let currentRoot: () => EngineRoot | null = () => null;

  // The engine's XPath parser is tree-sitter compiled to WebAssembly, set up by a top-level await
  // of the package: if the page's CSP lacks 'wasm-unsafe-eval', that await never settles (the
  // import neither resolves nor rejects), so say it rather than wait.
  let stopWatching = () => {};
  const blocked = new Promise<never>((_resolve, reject) => {
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI === 'wasm-eval') {
        reject({ message: "The page's Content-Security-Policy forbids WebAssembly: script-src needs 'wasm-unsafe-eval'" });
      }
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    const timer = setTimeout(
      () => reject({ message: 'The form engine did not load in time' }),
      options.timeoutMs ?? 30_000,
    );
    stopWatching = () => {
      clearTimeout(timer);
      document.removeEventListener('securitypolicyviolation', onViolation);
    };
  });
  blocked.catch(() => {});

  mounted += 1;
  const before = new Set(linkedSheets());
  const ready = (async () => {
    const [vue, webForms] = await Promise.race([
      Promise.all([import('vue'), import('@getodk/web-forms'), setMapTiles()]),
      blocked,
    ]);
    for (const link of linkedSheets()) if (!before.has(link)) packageLinks.add(link);
    if (unmounted) return;
    await setPackageStyles(true);
    const { createApp, getCurrentInstance, h } = vue;
    const { OdkWebForm, webFormsPlugin, POST_SUBMIT__NEW_INSTANCE } = webForms;
    const xml = options.instanceXml;
    // Our own root component, to reach the rendered tree (app._instance exists in dev builds only).
    let host: { subTree?: unknown } | null = null;
    const app = createApp({
      setup() {
        host = getCurrentInstance() as { subTree?: unknown } | null;
      },
      render: () =>
        h(OdkWebForm, {
          formXml: options.xml,
          fetchFormAttachment: options.fetchFormAttachment ?? missing,
          missingResourceBehavior: 'BLANK',
          editInstance:
            xml == null
              ? undefined
              : { resolveInstance: () => xml, attachmentFileNames: [], resolveAttachment: missing },
          onSubmit: async (payload: EnginePayload, callback: (result?: { next?: symbol }) => void) => {
            const answer = await options.onSubmit(await toSubmission(payload));
            callback(answer === 'keep' ? undefined : { next: POST_SUBMIT__NEW_INSTANCE });
          },
        }),
    });
    app.use(webFormsPlugin);
    app.mount(element);
    // Questions come and go with relevance and repeats: name each new one's input.
    const labeller = new MutationObserver(() => labelWrappedInputs(element));
    labeller.observe(element, { subtree: true, childList: true });
    teardown = () => {
      labeller.disconnect();
      app.unmount();
    };

    // OdkWebForm has no load event: its first child says loading / error / ready in its class.
    const status = await Promise.race([blocked, new Promise<'ready' | 'error'>((resolveStatus) => {
      const check = () => {
        const node = element.querySelector('.form-initialization-status');
        if (node?.classList.contains('ready')) return resolveStatus('ready'), true;
        if (node?.classList.contains('error')) return resolveStatus('error'), true;
        return false;
      };
      if (check()) return;
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    })]);
    stopWatching();
    if (status === 'error') {
      const message =
        document.querySelector('.form-load-failure-dialog .message')?.textContent?.trim() || 'The form could not be loaded';
      const detail = document.querySelector('.initialize-form-failure-details pre')?.textContent ?? undefined;
      const error: OdkFormError = { message, detail };
      options.onError?.(error);
      throw error;
    }
    // The root changes when a new blank instance follows a submission: look it up each time.
    currentRoot = () => (unmounted ? null : findRoot(host?.subTree as VNodeLike | undefined));
    const root = currentRoot();
    if (options.language && root) {
      const language = matchLanguage(root.languages, options.language);
      if (language) root.setLanguage(language);
    }
    options.onReady?.();
  })();
  ready.catch((error: OdkFormError) => {
    stopWatching();
    // Errors of the form itself were reported above; report the engine's too.
    if (!document.querySelector('.form-load-failure-dialog')) options.onError?.(error);
  });

  return {
    ready,
    async currentXml() {
      const root = currentRoot();
      if (!root) return null;
      return (await toSubmission(await root.prepareInstancePayload({ payloadType: 'monolithic' }))).xml;
    },
    unmount() {
      if (unmounted) return;
      unmounted = true;
      teardown?.();
      teardown = null;
      mounted -= 1;
      if (mounted === 0) void setPackageStyles(false);
    },
  };
}
