/**
 * Checks the search form before anything is sent, so mistakes are shown beside the field that
 * holds them. The service checks again; its 400 `parameter` is mapped onto the same fields.
 */
import type { Bbox } from '../../../electron/service/api/contract';
import type { SearchForm } from '../state/search-form-store';

export type SearchField = 'datetime' | 'cloud' | 'sources' | 'bbox';
export type SearchErrors = Partial<Record<SearchField, string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isValidDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function validateSearch(form: SearchForm, area: Bbox | null): SearchErrors {
  const errors: SearchErrors = {};
  if (form.start && !isValidDay(form.start)) errors.datetime = `Start date "${form.start}" is not a date (YYYY-MM-DD).`;
  else if (form.end && !isValidDay(form.end)) errors.datetime = `End date "${form.end}" is not a date (YYYY-MM-DD).`;
  else if (form.start && form.end && form.start > form.end) errors.datetime = 'The start date is after the end date.';

  if (!Number.isFinite(form.cloud) || form.cloud < 0 || form.cloud > 100) errors.cloud = 'Cloud cover must be between 0 and 100 %.';
  if (form.sources.length === 0) errors.sources = 'Choose at least one source.';

  if (!area) errors.bbox = 'The map has no area yet; draw an AOI or wait for the map.';
  else if (area[1] >= area[3]) errors.bbox = 'The area of interest has no height; draw it again.';
  else if (area[0] === area[2]) errors.bbox = 'The area of interest has no width; draw it again.';
  return errors;
}

/** The form field a service error's `parameter` belongs to. */
export function fieldOfParameter(parameter: string | undefined): SearchField | null {
  switch (parameter) {
    case 'datetime':
      return 'datetime';
    case 'cloud_cover_lt':
      return 'cloud';
    case 'sources':
    case 'collections':
      return 'sources';
    case 'bbox':
    case 'intersects':
      return 'bbox';
    default:
      return null;
  }
}

/** `start/end` with `..` for an open end (api.md). */
export function datetimeInterval(form: Pick<SearchForm, 'start' | 'end'>): string {
  return `${form.start || '..'}/${form.end || '..'}`;
}
