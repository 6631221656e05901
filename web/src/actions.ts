// Whether the acting person may take an action on a resource, as the API answered it.
//
// Every resource the API returns to a page (the session, a structure, a collective's member,
// a member's sharing) carries the codes of the actions the acting person may take on it. Pages
// show or hide their controls from those codes and never decide from roles: the server's
// authorisation module is the one place that knows who may do what (actions.test.ts keeps the
// pages honest).

/** A resource as the API returns it: with the actions the acting person may take on it. */
export interface WithActions<A extends string> {
  readonly actions?: readonly A[];
}

/**
 * True when `resource` lists `action`. A resource not loaded yet (null or undefined), or one
 * without its `actions` (an older server), allows nothing: a control appears only once the
 * server has said it may.
 */
export function can<A extends string>(
  resource: WithActions<A> | null | undefined,
  action: NoInfer<A>,
): boolean {
  const actions = resource?.actions;
  return Array.isArray(actions) && actions.includes(action);
}
