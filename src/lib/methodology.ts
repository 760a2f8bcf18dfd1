/**
 * The methodology page's content, derived from the segmentation document only: the steps with their
 * parameters and counts, and the provenance (versions, seed, checksums). Nothing here is typed by hand
 * except the words around the numbers.
 */
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { formatPercent, percent } from '../charts/format.js';
import type { YearModel } from './model.js';

export interface MethodStep {
  id: string;
  title: string;
  text: string;
  /** Parameter or count name → value, shown as a definition list. */
  facts: [string, string][];
}

const n = (v: number) => v.toLocaleString('en-US');

function umapFacts(p: Segmentation['metadata']['parameters']['map']): [string, string][] {
  return [
    ['components', String(p.nComponents)],
    ['neighbours', String(p.nNeighbors)],
    ['minimum distance', String(p.minDist)],
    ['epochs', String(p.nEpochs)],
    ['metric', p.metric],
    [
      'start',
      p.init === 'spectral'
        ? 'spectral (eigenvectors of the neighbour graph, as umap-learn)'
        : 'random (uniform, as umap-js)',
    ],
  ];
}

export function methodSteps(model: YearModel): MethodStep[] {
  const { doc } = model;
  const { counts, metadata, professionalRule: rule } = doc;
  const p = metadata.parameters;
  const boundary = rule.boundary
    ? `professionals are those with ${rule.boundary.axis} ${rule.boundary.side === 'below' ? '<' : '>'} ${rule.boundary.value} on the map`
    : null;
  const merged = model.segments.filter((s) => s.aliases.length > 0);
  return [
    {
      id: 'read',
      title: 'Read the responses',
      text: `The responses file ${metadata.input.file} is read; free-text “other” columns are dropped because they cannot be compared between respondents.`,
      facts: [
        ['respondents read', n(counts.respondents)],
        ['columns read', n(counts.columnsRead)],
        ['columns used', n(counts.columnsUsed)],
        ['free-text columns dropped', n(counts.columnsDroppedFreeText)],
      ],
    },
    {
      id: 'encode',
      title: 'Encode the answers',
      text: 'Each answer of the clustered questions becomes a 0/1 feature (chosen or not). Profile questions — job role, experience, company, education, gender — are kept out of the clustering and used to describe the segments.',
      facts: [
        ['features', n(counts.features)],
        ['features dropped (chosen by no one)', n(counts.featuresDroppedEmpty)],
        ['questions', n(doc.questions.length)],
      ],
    },
    {
      id: 'drop',
      title: 'Drop nearly empty responses',
      text: `Respondents whose mean over the features is at most ${p.dropRowMeanAtMost} chose almost nothing and are dropped.`,
      facts: [
        ['dropped', n(counts.droppedNearlyEmpty)],
        ['kept', n(counts.kept)],
      ],
    },
    {
      id: 'map',
      title: 'Map everyone',
      text: 'UMAP places every kept respondent on a 2-D map so that similar answer sets sit close together.',
      facts: umapFacts(p.map),
    },
    {
      id: 'professionals',
      title: 'Separate the professionals',
      text: `${rule.description}${boundary ? ` On this map, ${boundary}.` : ''}`,
      facts: [
        ['rule', rule.rule],
        ...(rule.nonProfessional.length > 0
          ? [['answers marking non-professionals', rule.nonProfessional.join('; ')] as [string, string]]
          : []),
        ['professionals', n(counts.professionals)],
        ['not professionals', n(counts.nonProfessionals)],
        ['excluded as incomplete', n(rule.excludedIncomplete)],
      ],
    },
    {
      id: 'embed',
      title: 'Embed the professionals for clustering',
      text: 'A second UMAP, on professionals only, gives the space in which the clusters are found.',
      facts: umapFacts(p.clusterEmbedding),
    },
    {
      id: 'cluster',
      title: 'Cluster',
      text: `A Gaussian mixture with ${p.clusters} components assigns each professional to the most likely component. ${p.mixture.init === 'kmeans' ? 'It starts from a k-means clustering of the same space, as scikit-learn does by default.' : 'It starts from k-means++ seeds.'}`,
      facts: [
        ['components', String(p.clusters)],
        ['covariance', p.mixture.covariance],
        ['initialisation', p.mixture.init],
        ['initialisations', String(p.mixture.nInit)],
        ['maximum iterations', String(p.mixture.maxIter)],
        ['tolerance', String(p.mixture.tol)],
        ['covariance regularisation', String(p.mixture.regCovar)],
      ],
    },
    stabilityStep(doc),
    {
      id: 'describe',
      title: 'Describe and order the segments',
      text: `For every feature, the lift of a segment is its share in the segment minus its share among all professionals. Segments are ordered by the share of members answering ${doc.newToML.map((a) => `“${a}”`).join(' or ')} to the question on years of machine-learning experience, lowest first.`,
      facts: doc.segments.map((s) => [
        `segment ${s.index + 1}`,
        `${n(s.size)} members, ${percent(s.newToMLShare, 1)} new to ML`,
      ]),
    },
    {
      id: 'editors',
      title: 'Name and summarise',
      text:
        merged.length > 0
          ? `Editors named the segments and wrote their summaries. They show some segments as one: ${merged.map((s) => `${[s.slug, ...s.aliases].join(' + ')} as “${s.title}”`).join('; ')}.`
          : 'Editors named the segments and wrote their summaries; segments without a summary show generated key facts.',
      facts: [
        ['segments published', String(model.segments.length)],
        ['with a summary', String(model.segments.filter((s) => s.summary).length)],
      ],
    },
  ];
}

/** The re-runs, the consensus and the stability thresholds, with the measured figures. */
function stabilityStep(doc: Segmentation): MethodStep {
  const p = doc.metadata.parameters;
  const s = doc.stability;
  if (!s) {
    return {
      id: 'stability',
      title: 'Stability',
      text: 'This segmentation was made from a single run, without re-runs, so how much its segments depend on the random seed was not measured.',
      facts: [
        ['re-runs', '0'],
        ['published', 'the single run'],
      ],
    };
  }
  const t = s.thresholds;
  const classes = (['stable', 'pattern', 'weak', 'dissolved'] as const).map(
    (c) => [c, doc.segments.filter((x) => x.stability?.class === c).length] as const,
  );
  return {
    id: 'stability',
    title: 'Re-run, agree, and measure stability',
    text:
      `UMAP and the mixture both start from random numbers, and ten clusters of this data are partly arbitrary: another seed moves some segments. ` +
      `So the clustering space and the mixture were run ${s.runs} more times with seeds derived from this run's. ` +
      (p.published === 'consensus'
        ? `The published segments are their consensus: respondents who are usually put together end up together (spectral clustering of how often each pair shares a segment across all ${s.runs + 1} runs). `
        : `The published segments are those of the first run alone, as the notebook published them. `) +
      `Each segment is then matched, run by run, to the cluster that overlaps it best (an optimal one-to-one assignment). ` +
      `Its stability is the mean overlap with its match (members in both over members in either; Hennig's clusterwise stability): ` +
      `at least ${formatPercent(t.stable)} reads as stable, ${formatPercent(t.pattern)}–${formatPercent(t.stable)} as a pattern, ${formatPercent(t.dissolved)}–${formatPercent(t.pattern)} as weak, and below ${formatPercent(t.dissolved)} the segment dissolves. ` +
      `A segment is found in a re-run when the overlap is at least ${formatPercent(t.dissolved)}; the members who stay together are those in its match in at least ${formatPercent(t.coreShareOfRuns)} of re-runs.`,
    facts: [
      ['re-runs', String(s.runs)],
      ['published', p.published === 'consensus' ? `consensus of ${s.runs + 1} runs` : 'the first run'],
      ['agreement between re-runs (median adjusted Rand index)', s.pairwiseARI.median.toFixed(2)],
      ['agreement between re-runs (range)', `${s.pairwiseARI.min.toFixed(2)} – ${s.pairwiseARI.max.toFixed(2)}`],
      ['agreement of re-runs with the published segments (mean)', s.meanARIToPublished.toFixed(2)],
      ...classes.map(([c, count]): [string, string] => [`segments read as ${c}`, String(count)]),
    ],
  };
}

export function provenance(doc: Segmentation): [string, string][] {
  const m = doc.metadata;
  return [
    ['survey', doc.survey.title],
    ['source', doc.survey.source],
    ['synthetic demo data', doc.synthetic ? 'yes' : 'no'],
    ['input file', m.input.file],
    ['input size', `${n(m.input.bytes)} bytes`],
    ['input sha256', m.input.sha256],
    ['configuration sha256', m.configHash],
    ['random seed', String(m.seed)],
    ['generator', `${m.generator.name} ${m.generator.version}`],
    ...Object.entries(m.packages).map(([name, version]): [string, string] => [`package ${name}`, version]),
    ['document schema version', String(doc.schemaVersion)],
  ];
}
