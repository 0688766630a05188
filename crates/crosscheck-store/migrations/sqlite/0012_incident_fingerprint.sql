-- Linking one more article (issue 5: "ingesting one new article updates only the incidents it
-- touches").
-- `link_features`: what the linker compares of an incident (opaque to the store, written by the
-- caller), so that a new report is compared with the incidents near it without reading their
-- claims. `fingerprint`: a hash of what an incident's row, claim links and actors hold, so that an
-- incident recomputed as it was is left alone. Rows written before this migration have neither:
-- they are always compared and rewritten the first time they are recomputed.
ALTER TABLE incidents ADD COLUMN fingerprint TEXT;
ALTER TABLE incidents ADD COLUMN link_features TEXT;
