/** The scene's key properties as a definition list. */
import type { StacItem } from '../../../../electron/service/api/contract';
import { SOURCE_LABEL, sourceOf } from '../../map/footprints/footprint-colours';
import { formatCloud, formatDateTime } from '../../util/format';

export function SceneMetadata({ item }: { item: StacItem }) {
  const p = item.properties;
  const source = sourceOf(item);
  const rows: Array<[string, string]> = [
    ['Acquired', formatDateTime(p.datetime)],
    ['Source', SOURCE_LABEL[source as keyof typeof SOURCE_LABEL] ?? source],
    ['Platform', p.platform],
    ['Constellation', p.constellation],
    ['Collection', p['astra:collection']],
    ['Cloud cover', formatCloud(p['eo:cloud_cover'])],
    ['GSD', p.gsd ? `${p.gsd} m` : '—'],
    ['Projection', p['proj:epsg'] ? `EPSG:${p['proj:epsg']}` : '—'],
  ];
  if (p['astra:alternates']?.length) rows.push(['Also in', p['astra:alternates'].join(', ')]);
  return (
    <dl className="metadata" data-testid="scene-metadata">
      {rows.map(([k, v]) => (
        <div key={k} className="metadata-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
