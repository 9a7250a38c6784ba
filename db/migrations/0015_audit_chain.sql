-- audit_events becomes append-only and hash-chained, in the database itself, so that every writer (recordAudit,
-- the verification resolver's one-statement insert, anything added later or typed into psql) is chained and
-- nothing short of switching the triggers off can change or remove a row. lib/audit/chain.ts computes the same
-- hash to verify the chain (npm run audit:verify): keep the two encodings identical.
--
-- Encoding, version audit-v1: each field in this order as 'N' (null) or 'S' || its UTF-8 byte length || ':' || its
-- text; `at` as whole microseconds since the epoch. hash = hex(sha256(prev_hash || 'audit-v1' || fields)).
CREATE FUNCTION audit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN 'N' ELSE 'S' || octet_length(convert_to(v, 'UTF8')) || ':' || v END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_hash(prev text, e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    prev || 'audit-v1'
      || audit_field(e.id::text)
      || audit_field((extract(epoch FROM e.at) * 1000000)::bigint::text)
      || audit_field(e.actor_type)
      || audit_field(e.actor_id)
      || audit_field(e.ref)
      || audit_field(e.action)
      || audit_field(e.person_id::text)
      || audit_field(e.booking_id::text)
      || audit_field(e.reason)
      || audit_field(e.request_id)
      || audit_field(e.detail),
    'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- The chain starts from 64 zeros; events written before this migration are chained now, in id order.
INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, NULL, repeat('0', 64));
--> statement-breakpoint
DO $$
DECLARE
  r audit_events;
  prev text := repeat('0', 64);
  last bigint;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    UPDATE audit_events SET prev_hash = prev, hash = audit_event_hash(prev, r) WHERE id = r.id RETURNING hash INTO prev;
    last := r.id;
  END LOOP;
  UPDATE audit_chain_head SET last_id = last, last_hash = prev WHERE id = 1;
END $$;
--> statement-breakpoint
-- Once per INSERT statement, before its rows are formed (so before their ids are drawn from the sequence): lock
-- the chain head until the transaction ends, so concurrent writers take turns and id order is chain order (under
-- REPEATABLE READ a writer that lost the race gets a serialisation error, never a fork), and note where the chain
-- ends in two transaction-local settings. The row trigger chains from those and the statement's end writes the
-- head back once: updating the head row once per row would leave a dead version per row, which a statement of
-- thousands of rows would wade through again at every row.
CREATE FUNCTION audit_events_begin() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head is missing: the audit chain cannot be extended';
  END IF;
  PERFORM set_config('audit_chain.last_id', coalesce(head.last_id::text, '0'), true);
  PERFORM set_config('audit_chain.last_hash', head.last_hash, true);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint := nullif(current_setting('audit_chain.last_id', true), '')::bigint;
  last_hash text := nullif(current_setting('audit_chain.last_hash', true), '');
BEGIN
  IF last_id IS NULL OR last_hash IS NULL THEN
    RAISE EXCEPTION 'audit_events: the chain was not opened for this statement (is audit_events_begin enabled?)';
  END IF;
  -- Refuse a row that would not follow the chain's end instead of forking it.
  IF NEW.id <= last_id THEN
    RAISE EXCEPTION 'audit_events row % does not follow the chain head %', NEW.id, last_id;
  END IF;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_event_hash(last_hash, NEW);
  PERFORM set_config('audit_chain.last_id', NEW.id::text, true);
  PERFORM set_config('audit_chain.last_hash', NEW.hash, true);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE FUNCTION audit_events_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE audit_chain_head
  SET last_id = nullif(current_setting('audit_chain.last_id'), '0')::bigint,
    last_hash = current_setting('audit_chain.last_hash')
  WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION audit_events_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
-- The head moves only inside audit_events_end (trigger depth 2); any direct change is refused.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head is written only by the audit_events trigger: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_begin BEFORE INSERT ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_begin();
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE TRIGGER audit_events_end AFTER INSERT ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_end();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
