/// <reference types="astro/client" />

// Plain `tsc` does not know .astro files (the Astro language server does); this lets TS modules import them.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
