/** The chart's key: each source's colour, and what hollow markers mean. */
import { SOURCE_LABEL, sourceColour } from '../../map/footprints/footprint-colours';
import { CLOUDY_ABOVE, type ChartModel } from './chart-data';

export function ChartKey({ model }: { model: ChartModel }) {
  const hollow = model.series.some((s) => s.kind !== 'clear');
  return (
    <span className="chart-key" data-testid="chart-key">
      {model.sources.map((source) => (
        <span key={source} className="chart-key-item">
          <span className="chart-marker" style={{ background: sourceColour(source), borderColor: sourceColour(source) }} aria-hidden="true" />
          {SOURCE_LABEL[source] ?? source}
        </span>
      ))}
      {hollow && (
        <span className="chart-key-item" title={`Hollow: cloud over more than ${CLOUDY_ABOVE * 100} % of the area's data, or (along the bottom) no valid pixel`}>
          <span className="chart-marker hollow" aria-hidden="true" />
          cloudy / no valid pixel
        </span>
      )}
    </span>
  );
}
