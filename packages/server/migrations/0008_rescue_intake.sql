-- A rescued child's aftercare intake, taken in by the social worker's organisation: the
-- survivor record it became (under the victim's pseudonym code), when and by whom.
ALTER TABLE aftercare_referral
  ADD COLUMN survivor_id  uuid UNIQUE REFERENCES survivor (id),
  ADD COLUMN taken_in_at  timestamptz,
  ADD COLUMN taken_in_by  uuid REFERENCES app_user (id);
