-- The chain head only moves forward: first seq + 1 (hash unchanged), then the hash of the event
-- just written at that seq. It cannot be rewound to hide rows cut off the end of the chain.
CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain_head cannot be changed by %', TG_OP;
  END IF;
  IF NEW.id = OLD.id AND NEW.seq = OLD.seq + 1 AND NEW.hash = OLD.hash THEN
    RETURN NEW;
  END IF;
  IF NEW.id = OLD.id AND NEW.seq = OLD.seq
     AND NEW.hash = (SELECT hash FROM audit_events WHERE seq = NEW.seq) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head only moves forward';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_forward_only
  BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate
  BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward_only();
