/** Layer rules for dependency-cruiser, checked by tests/architecture.test.ts; ARCHITECTURE.md explains each folder. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'scripts-never-import-src', severity: 'error', from: { path: '^scripts/' }, to: { path: '^src/' } },
    {
      name: 'production-never-imports-tests',
      severity: 'error',
      from: { path: '^(scripts|src)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'infra-is-a-leaf',
      severity: 'error',
      from: { path: '^scripts/infra/' },
      to: { path: '^(src|scripts/(?!infra/))' },
    },
    {
      name: 'survey-reads-only-infra',
      severity: 'error',
      from: { path: '^scripts/survey/' },
      to: { path: '^(src|scripts/(?!(infra|survey)/))' },
    },
    {
      name: 'config-below-segment',
      severity: 'error',
      from: { path: '^scripts/config/' },
      to: { path: '^(src|scripts/(segment|document|identity|cli|bench|demo)/)' },
    },
    {
      name: 'document-below-everything-but-config',
      severity: 'error',
      from: { path: '^scripts/document/' },
      to: { path: '^(src|scripts/(segment|survey|identity|cli|bench|demo)/|scripts/config/(?!schema\\.ts))' },
    },
    {
      name: 'engines-are-leaves',
      severity: 'error',
      from: { path: '^scripts/segment/(embedding|mixture)/' },
      to: { path: '^(src|scripts/(?!infra/|segment/(embedding|mixture)/))' },
    },
    {
      name: 'stages-not-above-cli-or-identity',
      severity: 'error',
      from: { path: '^scripts/segment/' },
      to: { path: '^scripts/(identity|cli|bench|demo)/' },
    },
    {
      name: 'identity-above-document-only',
      severity: 'error',
      from: { path: '^scripts/identity/' },
      to: { path: '^scripts/(segment|survey|config|cli|bench|demo)/' },
    },
    {
      name: 'charts-below-lib',
      severity: 'error',
      from: { path: '^src/charts/' },
      to: { path: '^src/(lib|pages|components|layouts|client)/' },
    },
    // The demo writes 2020's layout from the questionnaire, which it shares with the config tools; the rest of survey/ is the reader it must not lean on.
    {
      name: 'demo-reads-only-infra-and-the-questionnaire',
      severity: 'error',
      from: { path: '^scripts/demo/' },
      to: { path: '^(src|scripts/(?!(infra|demo)/|survey/questionnaire-2020\\.ts$))' },
    },
    {
      name: 'site-settings-are-a-leaf',
      severity: 'error',
      from: { path: '^src/settings/' },
      to: { path: '^(scripts|src/(?!settings/))' },
    },
    {
      name: 'site-reads-only-lower-scripts',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^scripts/(segment|survey|cli|bench|demo|site|setup)/' },
    },
    {
      name: 'client-is-browser-code',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: '^(scripts/|src/(lib|pages)/)' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.astro)/' },
  },
};
