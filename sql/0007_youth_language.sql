-- SPDX-License-Identifier: ISC
-- A youth's own language for their feed (issue 13): a language tag rota
-- has a catalog for ('nb', 'en'), checked by the API and the instance
-- reader rather than here, so that a new language needs no migration.
-- NULL: the organisation's language (the 'language' setting, else 'nb'
-- for the NO jurisdiction and 'en' otherwise).
ALTER TABLE youths ADD COLUMN language TEXT;
