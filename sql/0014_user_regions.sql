-- SPDX-License-Identifier: ISC
-- Regions in a user's scope (issues 15 and 19): a coordinator scoped to a
-- region sees every home whose region has that name, including homes added
-- or moved there later.  A scope is the homes of user_homes and the homes
-- of these regions; a user with neither sees every home.  Not a foreign
-- key: a region is only a name on homes, and one nobody has matches
-- nothing.
CREATE TABLE user_regions (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	region TEXT NOT NULL,
	PRIMARY KEY (user_id, region)
) WITHOUT ROWID;
