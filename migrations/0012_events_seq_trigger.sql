-- One event sequence in commit order: every inserted event gets the next seq inside its own transaction
-- (D1 runs one writer at a time), whatever statement inserted it. Existing events are numbered by id.
UPDATE events SET seq = numbered.n
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM events) AS numbered
WHERE events.id = numbered.id;
--> statement-breakpoint
CREATE TRIGGER events_seq AFTER INSERT ON events FOR EACH ROW WHEN NEW.seq IS NULL
BEGIN
  UPDATE events SET seq = (SELECT IFNULL(MAX(seq), 0) + 1 FROM events) WHERE id = NEW.id;
END;
