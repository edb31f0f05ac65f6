-- SPDX-License-Identifier: ISC
-- Quiet hours "unless urgent" (issue 16, options.mail_urgent_in_quiet_hours,
-- mail_mime.h): a visits digest (new, moved, cancelled visits) keeps the
-- start of the earliest visit it tells about (Unix seconds).  The sender
-- lets it go in a minor's quiet hours when that visit starts before the
-- end of the quiet window plus two hours (07:30 tomorrow, cancelled at
-- 22:00: of no use at 07:00).  NULL: never urgent (reminders, answers,
-- offers, consent mails, mail to coordinators, and every message written
-- while the setting is off).
ALTER TABLE outbox ADD COLUMN urgent_visit_at INTEGER;
