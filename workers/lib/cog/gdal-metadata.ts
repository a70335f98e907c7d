/**
 * GDAL's private TIFF tags: GDAL_NODATA (42113) and GDAL_METADATA (42112), both ASCII.
 * GDAL_METADATA is `<GDALMetadata><Item name=".." [sample="band-1"] [role=".."]>value</Item>…`.
 */
import type { BandStatistics } from './cog-types';

/** The GDAL_NODATA text: GDAL parses it with CPLAtof, so NaN and infinities use C spellings. */
export function formatNoData(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function item(name: string, value: string, sample?: number, role?: string): string {
  const sampleAttr = sample === undefined ? '' : ` sample="${sample}"`;
  const roleAttr = role === undefined ? '' : ` role="${role}"`;
  return `  <Item name="${escapeXml(name)}"${sampleAttr}${roleAttr}>${escapeXml(value)}</Item>\n`;
}

export interface GdalMetadataInput {
  metadata?: Readonly<Record<string, string>>;
  bandDescriptions?: readonly string[];
  /** Written as STATISTICS_* for bands that have at least one valid pixel. */
  statistics?: readonly BandStatistics[];
}

/** The XML text, or undefined when there is nothing to say (the tag is then omitted). */
export function gdalMetadataXml(input: GdalMetadataInput): string | undefined {
  let body = '';
  for (const [name, value] of Object.entries(input.metadata ?? {})) body += item(name, value);
  input.bandDescriptions?.forEach((description, band) => {
    if (description) body += item('DESCRIPTION', description, band, 'description');
  });
  input.statistics?.forEach((stats, band) => {
    if (stats.validCount === 0) return;
    body += item('STATISTICS_MAXIMUM', String(stats.max), band);
    body += item('STATISTICS_MEAN', String(stats.mean), band);
    body += item('STATISTICS_MINIMUM', String(stats.min), band);
    body += item('STATISTICS_STDDEV', String(stats.stdDev), band);
    body += item('STATISTICS_VALID_PERCENT', String(stats.validFraction * 100), band);
  });
  return body ? `<GDALMetadata>\n${body}</GDALMetadata>\n` : undefined;
}
