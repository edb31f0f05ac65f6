-- SPDX-License-Identifier: ISC
-- The validators of each rendered feed and week page, so that a feed's
-- Last-Modified moves exactly when its bytes do, also across restarts
-- and cache evictions (the rendered bytes themselves live in memory).
-- key is the feed cache key: 'ics:youth:ID', 'empty:home:ID', 'page:ID'.
CREATE TABLE feed_validators (
	key           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL,    -- '"<32 hex>"', a hash of the bytes
	last_modified INTEGER NOT NULL  -- Unix seconds
) WITHOUT ROWID;
