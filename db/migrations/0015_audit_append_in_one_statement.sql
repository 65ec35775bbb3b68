-- Appends a batch of audit events in one statement (one round trip, its own implicit
-- transaction when called outside one). The hash is the one hashAuditEvent computes: the caller
-- sends each event's canonical JSON without its two chained ends, `seq` and `prev_hash`, which
-- only the locked head decides; they are spliced back in here, in the same order and encoding.
CREATE FUNCTION audit_append(events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n integer := jsonb_array_length(events);
  last_seq bigint;
  prev text;
  next_seq bigint;
  event jsonb;
  event_hash text;
BEGIN
  -- The head guard (migrations 0002 and 0011) lets the head advance by 1 to 1000 at once.
  IF n IS NULL OR n < 1 OR n > 1000 THEN
    RAISE EXCEPTION 'audit_append takes 1 to 1000 events, not %', coalesce(n, 0);
  END IF;
  -- Advancing the single head row takes its lock until commit: one writer at a time, no gaps.
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
      subject_type, subject_id, project_id, ip, user_agent, details, prev_hash, hash)
    VALUES (next_seq, (event->>'occurred_at')::timestamptz, (event->>'actor_user_id')::uuid,
      (event->>'actor_organization_id')::uuid, event->>'action', event->>'subject_type',
      event->>'subject_id', (event->>'project_id')::uuid, event->>'ip', event->>'user_agent',
      event->'details', prev, event_hash);
    prev := event_hash;
    next_seq := next_seq + 1;
  END LOOP;
  UPDATE audit_chain_head SET hash = prev WHERE id = 1;
  RETURN last_seq - n + 1;
END;
$$;
