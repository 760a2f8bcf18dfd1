/** The slug table lives beside the registry it reads, so that summaries:check (scripts/) and the site share it. */
export * from '../../scripts/identity/slug-table.js';
