"""Reference, part 1: which scenes an area job uses, how they group into observations, and each
observation's mosaic on the output grid — from the kit's own metadata, gdalwarp and numpy.

- Scenes: source in `sources` (default all), collection in `collections` (when given), datetime in
  the period (bare dates cover their whole day), footprint intersecting the area (OGR), and
  eo:cloud_cover < `cloud_cover_lt` (when given).
- Observations: platform + solar day (odc-stac groupby="solar_day": UTC + trunc(lon/15) h, lon the
  footprint centroid's), ordered by (earliest datetime, platform, day); scenes in a group by
  (datetime, id).
- Per scene and band: gdalwarp of the DN onto the grid (-r bilinear, source nodata excluded,
  exact transformation -et 0, float64), then DN × scale + offset; HLS for Landsat OLI when asked
  (ρ_MSI = (ρ_OLI − b) / a with HLS v2.0 Table 5's Sentinel-2A row; nothing else is adjusted).
  Masks: SCL (classes 0, 1, 3, 8, 9, 10) or QA_PIXEL (bits 0–4) by gdalwarp -r near; outside the
  mask's raster counts as masked.
- Mosaic: a scene's pixel is valid when every variable is a number and (mask_clouds) its mask
  allows it; the first valid scene of the group (in its order) gives all variables. A pixel is
  cloud-masked when no scene is valid there but some scene had all variables and was masked.
"""
import datetime as dt
import json

import numpy as np
from osgeo import gdal, ogr

from area_grid import aoi_geometry, srs_of

gdal.UseExceptions()
ALL_SOURCES = ['sentinel-2', 'landsat', 'planetary-computer']
HLS_S2A = {'blue': (0.9778, -0.004), 'green': (1.0053, -0.0009), 'red': (0.9765, 0.0009), 'nir08': (0.9983, -0.0001)}
OLI_PLATFORMS = ('landsat-8', 'landsat-9')


def parse_instant(text, end):
    if len(text) == 10:
        day = dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)
        return day + dt.timedelta(days=1, milliseconds=-1) if end else day
    return dt.datetime.fromisoformat(text.replace('Z', '+00:00'))


def parse_period(period):
    start, end = period.split('/')
    return parse_instant(start, False), parse_instant(end, True)


def scene_time(scene):
    return dt.datetime.fromisoformat(scene['datetime'].replace('Z', '+00:00'))


def footprint(scene):
    return ogr.CreateGeometryFromJson(json.dumps(scene['geometry']))


def select_scenes(kit, selection):
    start, end = parse_period(selection['datetime'])
    area = aoi_geometry(selection['aoi'])
    sources = selection.get('sources') or ALL_SOURCES
    chosen = []
    for scene in kit['scenes']:
        if scene['source'] not in sources:
            continue
        if selection.get('collections') and scene['collection'] not in selection['collections']:
            continue
        if not start <= scene_time(scene) <= end:
            continue
        if 'cloud_cover_lt' in selection and not scene['cloud_cover'] < selection['cloud_cover_lt']:
            continue
        if footprint(scene).Intersects(area):
            chosen.append(scene)
    return chosen


def solar_day(scene):
    lon = footprint(scene).Centroid().GetX()
    offset = int(lon / 15)  # whole hours, truncated toward zero
    return (scene_time(scene) + dt.timedelta(hours=offset)).date().isoformat()


def group_observations(scenes):
    groups = {}
    for scene in sorted(scenes, key=lambda s: (scene_time(s), s['id'])):
        groups.setdefault((scene['platform'], solar_day(scene)), []).append(scene)
    ordered = sorted(groups.items(), key=lambda kv: (scene_time(kv[1][0]), kv[0][0], kv[0][1]))
    return [{'platform': platform, 'label': label, 'datetime': members[0]['datetime'], 'source': members[0]['source'], 'scenes': members}
            for (platform, label), members in ordered]


def band_of(scene, name):
    """The kit band a request name means in this scene: a common name, an asset key, nir → nir08."""
    bands = scene['bands']
    if name in bands:
        return name, bands[name]
    for common, band in bands.items():
        if band['asset'] == name:
            return common, band
    if name == 'nir' and 'nir08' in bands:
        return 'nir08', bands['nir08']
    raise KeyError(f"{scene['id']} has no band {name}")


def resampling_scale(path, grid):
    """gdalwarp's XSCALE/YSCALE for a bilinear warp: target pixels per pixel of the level it reads
    (-ovr AUTO: the coarsest overview still at least as fine as the target, as GDAL picks it for
    the kit's 10/20/30 m cases). Left to GDAL, the scale is measured per processing chunk from the
    bounding box of the chunk's source window, which a rotation between UTM zones widens: a wide,
    low output (the whole grid as one chunk) then gets a vertical scale below 0.95 and GDAL widens
    the bilinear kernel beyond 2 × 2 pixels — a result that depends on the output's shape and
    chunking, not on the data. Fixed to the resolution ratio (GDAL's documented way to make the
    output reproducible), a 1:1 warp is plain 2 × 2 bilinear whatever the zones. Both CRSs in metres."""
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    full = abs(ds.GetGeoTransform()[1])
    levels = [full] + [full * ds.RasterXSize / band.GetOverview(i).XSize for i in range(band.GetOverviewCount())]
    target = abs(grid['transform'][1])
    finer = [r for r in levels if r <= target * (1 + 1e-6)]
    return (max(finer) if finer else full) / target


def warp(path, grid, resampling, src_nodata):
    t = grid['transform']
    bounds = (t[0], t[3] + grid['height'] * t[5], t[0] + grid['width'] * t[1], t[3])
    options = dict(format='MEM', outputBounds=bounds, width=grid['width'], height=grid['height'],
                   dstSRS=srs_of(grid['epsg']).ExportToWkt(), resampleAlg=resampling, outputType=gdal.GDT_Float64,
                   dstNodata=float('nan'), errorThreshold=0)
    if resampling == 'bilinear' and grid['epsg'] != 4326:
        scale = resampling_scale(path, grid)
        options['warpOptions'] = [f'XSCALE={scale!r}', f'YSCALE={scale!r}']
    if src_nodata is not None:
        options['srcNodata'] = src_nodata
    warped = gdal.Warp('', path, **options)
    return warped.GetRasterBand(1).ReadAsArray().astype(np.float64)


def scene_planes(scene, grid, variables, harmonize, mask_clouds):
    """{variable: reflectance}, had-data and masked planes of one scene on the grid."""
    planes = {}
    for name in variables:
        common, band = band_of(scene, name)
        path = scene['files'][band['asset']]['path']
        value = warp(path, grid, 'bilinear', band['nodata']) * band['scale'] + band['offset']
        if harmonize == 'hls' and scene['platform'] in OLI_PLATFORMS and common in HLS_S2A:
            a, b = HLS_S2A[common]
            value = (value - b) / a
        planes[name] = value
    data = np.logical_and.reduce([~np.isnan(p) for p in planes.values()])
    masked = np.zeros(data.shape, bool)
    mask = scene.get('mask')
    if mask_clouds and mask:
        cls = warp(scene['files'][mask['asset']]['path'], grid, 'near', None)
        if mask['kind'] == 'scl':
            masked = np.isnan(cls) | np.isin(cls, mask['invalid_classes'])
        else:
            masked = np.isnan(cls) | ((np.nan_to_num(cls).astype(np.int64) & mask['invalid_bits']) != 0)
    return planes, data, masked


def mosaic(group, grid, variables, harmonize, mask_clouds):
    shape = (grid['height'], grid['width'])
    values = {name: np.full(shape, np.nan) for name in variables}
    filled = np.zeros(shape, bool)
    cloud_any = np.zeros(shape, bool)
    for scene in group['scenes']:
        planes, data, masked = scene_planes(scene, grid, variables, harmonize, mask_clouds)
        valid = data & ~masked
        take = valid & ~filled
        for name in variables:
            values[name][take] = planes[name][take]
        filled |= valid
        cloud_any |= data & masked
    return values, filled, cloud_any & ~filled


def finest_resolution(scenes, variables):
    return min(band_of(scene, name)[1]['resolution'] for scene in scenes for name in variables)
