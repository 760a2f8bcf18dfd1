/**
 * Profiles of a labelling made elsewhere (the Python reference's `labels.csv`, or this project's
 * `--labels-csv`): the same rates and breakdowns the profile stage gives published segments, for any
 * respondent → cluster assignment, so that both can be checked against the same facts.
 */
import { parse } from 'csv-parse/sync';
import type { SurveyConfig } from '../config/schema.js';
import { InputError } from '../infra/errors.js';
import { profileSegments } from './profile.js';
import { selectRows } from './rows.js';
import type { EncodedSurvey, Profiles } from './types.js';

/** Respondent index (0-based, file order) → cluster, for every clustered respondent of a labels file. */
export function readLabels(text: string, file: string): Map<number, number> {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const clusterColumn =
    records.length === 0 ? null : 'cluster' in records[0] ? 'cluster' : 'segment' in records[0] ? 'segment' : null;
  if (!clusterColumn || !('row' in records[0])) {
    throw new InputError(
      { file, line: 1 },
      "expected a header with row and cluster (the reference's labels.csv) or row and segment (segment --labels-csv)",
    );
  }
  const labels = new Map<number, number>();
  records.forEach((record, i) => {
    const row = Number(record.row);
    const cluster = Number(record[clusterColumn]);
    if (!Number.isInteger(row) || row < 0 || !Number.isInteger(cluster)) {
      throw new InputError(
        { file, line: i + 2 },
        `expected a row index and an integer ${clusterColumn}, found "${record.row}", "${record[clusterColumn]}"`,
      );
    }
    if (cluster >= 0) labels.set(row, cluster);
  });
  return labels;
}

export interface LabelledProfiles extends Profiles {
  /** Labelled respondents this encoding dropped (nearly empty), left out of the profiles. */
  notKept: number;
}

export function profileLabels(
  encoded: EncodedSurvey,
  labels: Map<number, number>,
  config: SurveyConfig,
): LabelledProfiles {
  const keptRows: number[] = [];
  const components: number[] = [];
  encoded.keptRows.forEach((respondent, kept) => {
    const cluster = labels.get(respondent);
    if (cluster === undefined) return;
    keptRows.push(kept);
    components.push(cluster);
  });
  const rows = Int32Array.from(keptRows);
  const k = Math.max(...components) + 1;
  const profiles = profileSegments({
    matrix: selectRows(encoded.matrix, rows),
    components: Int32Array.from(components),
    k,
    profile: new Map(
      [...encoded.profile].map(([code, answers]) => [
        code,
        { ...answers, values: Int16Array.from(rows, (r) => answers.values[r]) },
      ]),
    ),
    mlYears: config.profile.mlYears,
    newToML: config.newToML,
    // Segment centres on the map are not needed here; every row sits at the origin.
    map: { rows: rows.length, dims: 2, data: new Float64Array(rows.length * 2) },
  });
  return { ...profiles, notKept: labels.size - rows.length };
}
