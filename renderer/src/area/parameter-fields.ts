/**
 * Where a refused area job's `parameter` belongs in the forms: the service names the request's
 * field (`datetime`, `before.datetime`, `bands`, `cloud_cover_lt`, …); the form shows the message
 * beside its own field, named in words.
 */
export type AreaField = 'aoi' | 'period' | 'before' | 'after' | 'variable' | 'reducer' | 'cloud' | 'sources' | 'options' | 'threshold' | 'other';

const FIELDS: Array<[RegExp, AreaField]> = [
  [/^aoi\b/, 'aoi'],
  [/^before\b/, 'before'],
  [/^after\b/, 'after'],
  [/^(datetime|period)\b/, 'period'],
  [/^(bands|index|expression)\b/, 'variable'],
  [/^reducer\b/, 'reducer'],
  [/^cloud_cover_lt\b/, 'cloud'],
  [/^(sources|collections)\b/, 'sources'],
  [/^threshold\b/, 'threshold'],
  [/^(mask_clouds|harmonize|valid_count|crs|resolution)\b/, 'options'],
];

export const FIELD_LABEL: Record<AreaField, string> = {
  aoi: 'Area',
  period: 'Period',
  before: 'Before',
  after: 'After',
  variable: 'Value',
  reducer: 'Reducer',
  cloud: 'Cloud cover',
  sources: 'Sources',
  options: 'Options',
  threshold: 'Threshold',
  other: 'Request',
};

export function fieldOfParameter(parameter: string | undefined): AreaField {
  if (!parameter) return 'other';
  return FIELDS.find(([pattern]) => pattern.test(parameter))?.[1] ?? 'other';
}
