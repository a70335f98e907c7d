/** A refused preview → the message beside its field, or (for a field the form has no place for) in the summary. */
import { FIELD_LABEL, fieldOfParameter, type AreaField } from '../../area/parameter-fields';
import type { PreviewState } from './use-job-preview';

export interface PlacedErrors {
  fields: Partial<Record<AreaField, string>>;
  unplaced: string | null;
  refusedField: string | null;
}

export function placePreviewError(preview: PreviewState, placeable: readonly AreaField[]): PlacedErrors {
  if (preview.state !== 'error') return { fields: {}, unplaced: null, refusedField: null };
  const field = fieldOfParameter(preview.parameter);
  if (placeable.includes(field)) return { fields: { [field]: preview.message }, unplaced: null, refusedField: FIELD_LABEL[field] };
  return { fields: {}, unplaced: `${FIELD_LABEL[field]}: ${preview.message}`, refusedField: null };
}
