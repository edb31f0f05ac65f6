-- SPDX-License-Identifier: ISC
-- The youth a message names when it is not to them (issue 16): a mail to
-- coordinators about a youth's request or sick call, an offer naming the
-- colleague who gives a visit away.  Its stored bodies hold that youth's
-- first name, so the youth's purge (outbox_forget_youth()) deletes it
-- too, sent or not.  NULL: a message names nobody but its recipient.
ALTER TABLE outbox ADD COLUMN about_youth TEXT;
CREATE INDEX outbox_about ON outbox(about_youth) WHERE about_youth IS NOT NULL;
