// What the tests that run ODK's engine headless (@getodk/xforms-engine under jsdom) share:
// loading an XForm, finding its nodes by reference, reading the instance it would submit.
// Test code only: the pages fill forms through mount.ts and @getodk/web-forms.

// The engine's node types, loosely: enough to walk the tree and answer.
export interface AnyNode {
  nodeType: string;
  currentState: {
    reference: string;
    children?: AnyNode[] | null;
    value?: unknown;
    relevant: boolean;
    required?: boolean;
    valueOptions?: readonly { value: string }[];
  };
  validationState?: {
    constraint?: { valid: boolean; message?: { asString?: string } | null } | null;
    required?: { message?: { asString?: string } | null } | null;
  };
  setValue?(value: unknown): unknown;
  selectValue?(value: string | null): unknown;
  selectValues?(values: readonly string[]): unknown;
  addInstances?(afterIndex?: number, count?: number): unknown;
}

export interface LoadedForm {
  root: AnyNode & { validationState: { violations: unknown[] } };
  node(reference: string): AnyNode;
  xml(): Promise<string>;
}

type Engine = typeof import('@getodk/xforms-engine');
let engine: Engine | undefined;

async function theEngine(): Promise<Engine> {
  // Its WebAssembly XPath parser (emscripten) sees Node and reads the CommonJS __dirname, which
  // an ES module does not have: any directory does, the .wasm comes from a data: URI.
  (globalThis as { __dirname?: string }).__dirname ??= '/';
  engine ??= await import('@getodk/xforms-engine');
  return engine;
}

function find(node: AnyNode, reference: string): AnyNode | null {
  if (node.currentState.reference === reference) return node;
  for (const child of node.currentState.children ?? []) {
    const found = find(child, reference);
    if (found) return found;
  }
  return null;
}

function readFile(file: File): Promise<string> {
  // jsdom's File has no text(): read it the old way.
  return new Promise((resolveText, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolveText(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

export async function loadForm(xml: string): Promise<LoadedForm> {
  const { createInstance } = await theEngine();
  const instance = await createInstance(xml, {
    form: { fetchFormAttachment: async () => new Response(null, { status: 404 }) },
  });
  const root = instance.root as unknown as LoadedForm['root'] & {
    prepareInstancePayload(options: { payloadType: 'monolithic' }): Promise<{ data: FormData[] }>;
  };
  return {
    root,
    node(reference) {
      const found = find(root, reference);
      if (!found) throw new Error(`the form has no node ${reference}`);
      return found;
    },
    async xml() {
      const payload = await root.prepareInstancePayload({ payloadType: 'monolithic' });
      return readFile(payload.data[0].get('xml_submission_file') as File);
    },
  };
}
