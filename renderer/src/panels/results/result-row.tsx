/** One search result: source colour, date, cloud cover, platform and id; hover and click link it to its footprint. */
import { memo } from 'react';
import type { StacItem } from '../../../../electron/service/api/contract';
import { SOURCE_LABEL, sourceColour, sourceOf } from '../../map/footprints/footprint-colours';
import { inspectorTabChosen } from '../../state/inspector-store';
import { resultHovered, resultSelected, useIsHovered, useIsSelected } from '../../state/selection-store';
import { formatCloud, formatDateTime, shortSceneId } from '../../util/format';

export const ResultRow = memo(function ResultRow({ item }: { item: StacItem }) {
  const hovered = useIsHovered(item.id);
  const selected = useIsSelected(item.id);
  const source = sourceOf(item);
  const p = item.properties;
  return (
    <button
      type="button"
      className={`result-row${hovered ? ' hovered' : ''}${selected ? ' selected' : ''}`}
      data-testid="result-row"
      data-scene-id={item.id}
      aria-pressed={selected}
      onPointerEnter={() => resultHovered(item.id)}
      onPointerLeave={() => resultHovered(null)}
      onClick={() => {
        resultSelected(item.id, { zoom: true });
        inspectorTabChosen('scene');
      }}
    >
      <span className="source-bar" style={{ background: sourceColour(source) }} title={SOURCE_LABEL[source as keyof typeof SOURCE_LABEL] ?? source} />
      <span className="result-main">
        <span className="result-date">{formatDateTime(p.datetime)}</span>
        <span className="result-id" title={item.id}>
          {shortSceneId(item.id)}
        </span>
      </span>
      <span className="result-meta">
        <span className="result-cloud" title="Cloud cover">
          ☁ {formatCloud(p['eo:cloud_cover'])}
        </span>
        <span className="result-platform">{p.platform}</span>
      </span>
    </button>
  );
});
