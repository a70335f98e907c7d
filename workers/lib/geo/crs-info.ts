/** What the warp, the grids and their checks need to know of a coordinate reference system. */
export interface CrsInfo {
  /** 'EPSG:3035' */
  crs: string;
  /** 'ETRS89-extended / LAEA Europe' */
  name: string;
  /** The PROJ string proj4js transforms with. */
  definition: string;
  /** Longitude/latitude in degrees (x = longitude), like EPSG:4326. */
  geographic: boolean;
  /** Metres in one unit of a projected CRS (0.3048006… for US survey feet); null for a geographic one. */
  metresPerUnit: number | null;
  /** The unit of coordinates and of a grid's `resolution`: 'm', 'US survey foot', '°', … */
  unit: string;
}
