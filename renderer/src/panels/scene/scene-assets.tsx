/** The scene's assets with the route each resolves to (cache, signed, public, alternate). */
import type { AssetRoute, SceneAssets as ResolvedRoutes, StacItem } from '../../../../electron/service/api/contract';
import { formatDateTime } from '../../util/format';
import type { Loadable } from './use-scene-details';

const ROUTE_HINT: Record<AssetRoute, string> = {
  cache: 'served by this app from local storage',
  signed: 'Planetary Computer URL with a SAS token',
  public: 'public URL',
  alternate: "another catalog's copy",
};

export function SceneAssets({ item, resolved }: { item: StacItem; resolved: Loadable<ResolvedRoutes> }) {
  const names = Object.keys(item.assets).sort();
  return (
    <div className="scene-assets">
      {resolved.state === 'error' && (
        <p className="error-text" role="alert">
          Asset routes unavailable: {resolved.message}
        </p>
      )}
      <table className="assets-table" data-testid="scene-assets">
        <thead>
          <tr>
            <th>Asset</th>
            <th>Band</th>
            <th>Route</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const asset = item.assets[name];
            const route = resolved.state === 'ok' ? resolved.value.assets[name] : undefined;
            const common = asset['eo:bands']?.map((b) => b.common_name).filter(Boolean).join(', ');
            return (
              <tr key={name} data-testid="asset-row">
                <td title={asset.title ?? name}>{name}</td>
                <td>
                  {common || '—'}
                  {asset.gsd ? ` · ${asset.gsd} m` : ''}
                </td>
                <td>
                  {route ? (
                    <span className={`route route-${route.route}`} title={`${ROUTE_HINT[route.route] ?? route.route}${route.expires_at ? ` · expires ${formatDateTime(route.expires_at)}` : ''}\n${route.href}`}>
                      {route.route}
                    </span>
                  ) : resolved.state === 'loading' ? (
                    '…'
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
