/**
 * Puts the (React-independent) OpenLayers map into the page and shows what lies on top of it;
 * the time-series chart, when one is open, takes a strip below it.
 */
import { useEffect, useRef, useState } from 'react';
import { useMapController } from '../../app-services';
import { errorMessage } from '../../api/errors';
import { ErrorBoundary } from '../shell/error-boundary';
import { TimeseriesDock } from '../timeseries/timeseries-dock';
import { AoiToolbar } from './aoi-toolbar';
import { Legend } from './legend';
import { PixelReadoutBox } from './pixel-readout-box';

export function MapView() {
  const controller = useMapController();
  const target = useRef<HTMLDivElement>(null);
  const [basemapError, setBasemapError] = useState<string | null>(null);

  useEffect(() => {
    const element = target.current;
    if (!element) return;
    controller.map.setTarget(element);
    return () => controller.map.setTarget(undefined);
  }, [controller]);

  useEffect(() => {
    let live = true;
    controller.basemapReady.catch((error: unknown) => {
      if (live) setBasemapError(errorMessage(error));
    });
    return () => {
      live = false;
    };
  }, [controller]);

  return (
    <section className="map-area" aria-label="Map">
      <div className="map-stage">
        <div ref={target} className="map" data-testid="map" />
        <AoiToolbar />
        <div className="map-overlays-bottom">
          <Legend />
          <PixelReadoutBox />
        </div>
        {basemapError && (
          <div className="map-message" role="alert">
            The offline basemap could not be loaded: {basemapError}
          </div>
        )}
      </div>
      <ErrorBoundary area="the time-series chart">
        <TimeseriesDock />
      </ErrorBoundary>
    </section>
  );
}
