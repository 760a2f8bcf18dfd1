/** The list lives in scripts/identity, so that summaries:check and the site's renderer follow the same one. */
export * from '../../scripts/identity/summary-components.js';
