ALTER TABLE "audit_events" ADD COLUMN "personal" jsonb;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "personal_digest" text;--> statement-breakpoint
-- As in 0015, and it stores the personal part and its digest too. The caller's canonical JSON
-- decides the hash; for rows with a digest it covers the digest instead of the personal values,
-- ip and user_agent (ADR 26), so those can be erased later without breaking the chain.
CREATE OR REPLACE FUNCTION audit_append(events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n integer := jsonb_array_length(events);
  last_seq bigint;
  prev text;
  next_seq bigint;
  event jsonb;
  event_hash text;
BEGIN
  IF n IS NULL OR n < 1 OR n > 1000 THEN
    RAISE EXCEPTION 'audit_append takes 1 to 1000 events, not %', coalesce(n, 0);
  END IF;
  UPDATE audit_chain_head SET seq = seq + n WHERE id = 1 RETURNING audit_chain_head.seq, audit_chain_head.hash
    INTO last_seq, prev;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head is missing; run the migrations';
  END IF;
  next_seq := last_seq - n + 1;
  FOR event IN SELECT value FROM jsonb_array_elements(events) WITH ORDINALITY ORDER BY ordinality
  LOOP
    event_hash := encode(sha256(convert_to(
      '[' || next_seq || ',' || (event->>'canonical') || ',"' || prev || '"]', 'UTF8')), 'hex');
    INSERT INTO audit_events (seq, occurred_at, actor_user_id, actor_organization_id, action,
      subject_type, subject_id, project_id, ip, user_agent, details, personal, personal_digest,
      prev_hash, hash)
    VALUES (next_seq, (event->>'occurred_at')::timestamptz, (event->>'actor_user_id')::uuid,
      (event->>'actor_organization_id')::uuid, event->>'action', event->>'subject_type',
      event->>'subject_id', (event->>'project_id')::uuid, event->>'ip', event->>'user_agent',
      event->'details', nullif(event->'personal', 'null'::jsonb), event->>'personal_digest',
      prev, event_hash);
    prev := event_hash;
    next_seq := next_seq + 1;
  END LOOP;
  UPDATE audit_chain_head SET hash = prev WHERE id = 1;
  RETURN last_seq - n + 1;
END;
$$;
--> statement-breakpoint
-- Still append-only, with one exception: erasing the personal part of a row whose chain hash
-- covers only its digest (ip, user_agent and personal all set to null, every chained column as
-- it was). DELETE and TRUNCATE stay refused, whoever asks.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.personal_digest IS NOT NULL
     AND NEW.ip IS NULL AND NEW.user_agent IS NULL AND NEW.personal IS NULL
     AND NEW.seq = OLD.seq
     AND NEW.occurred_at = OLD.occurred_at
     AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
     AND NEW.actor_organization_id IS NOT DISTINCT FROM OLD.actor_organization_id
     AND NEW.action = OLD.action
     AND NEW.subject_type IS NOT DISTINCT FROM OLD.subject_type
     AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id
     AND NEW.project_id IS NOT DISTINCT FROM OLD.project_id
     AND NEW.details = OLD.details
     AND NEW.personal_digest = OLD.personal_digest
     AND NEW.prev_hash = OLD.prev_hash
     AND NEW.hash = OLD.hash THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
