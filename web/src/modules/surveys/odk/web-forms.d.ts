// @getodk/web-forms 0.22.0 declares "types": "./dist/index.d.ts" but ships no .d.ts at all:
// the little of its API that mount.ts uses, written from dist/index.js and its README.
declare module '@getodk/web-forms' {
  import type { Component, Plugin } from 'vue';

  export const OdkWebForm: Component;
  export const webFormsPlugin: Plugin;
  /** Answer `{ next: POST_SUBMIT__NEW_INSTANCE }` to the submit callback to start a blank form. */
  export const POST_SUBMIT__NEW_INSTANCE: unique symbol;
}
