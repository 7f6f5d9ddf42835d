-- Deliveries no longer wait in a `waiting` state behind an earlier one of their line: an untried delivery
-- is `pending` with attempts 0, and its line's worker takes it in event order.
UPDATE `webhook_deliveries` SET `status` = 'pending', `attempts` = 0 WHERE `status` = 'waiting';
