-- The head may now advance by a batch (one writer chains up to 1,000 read events under one lock),
-- still only forward and with the hash unchanged; the hash then must be that of the event at the
-- new seq, as before.
CREATE OR REPLACE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain_head cannot be changed by %', TG_OP;
  END IF;
  IF NEW.id = OLD.id AND NEW.seq > OLD.seq AND NEW.seq <= OLD.seq + 1000
     AND NEW.hash = OLD.hash THEN
    RETURN NEW;
  END IF;
  IF NEW.id = OLD.id AND NEW.seq = OLD.seq
     AND NEW.hash = (SELECT hash FROM audit_events WHERE seq = NEW.seq) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head only moves forward';
END;
$$;
