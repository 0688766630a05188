-- Geocoding (issue 4): the second-level division, ACLED's geo-precision and the GeoNames id.
ALTER TABLE incidents ADD COLUMN admin2 TEXT;
ALTER TABLE incidents ADD COLUMN geo_precision INTEGER;
ALTER TABLE incidents ADD COLUMN geonames_id INTEGER;
