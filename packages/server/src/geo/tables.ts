export type PsgcAreaTable = {
  code: string;
  level: string;
  name: string;
  region_code: string;
  province_code: string | null;
  parent_code: string | null;
};

export type GeoTables = { psgc_area: PsgcAreaTable };
