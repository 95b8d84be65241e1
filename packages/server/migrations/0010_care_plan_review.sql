-- Aftercare: scheduled reviews of an approved care plan; each moves the next review date.
-- (0006_aftercare is applied on main already and must not change: forward only.)
CREATE TABLE care_plan_review (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  care_plan_id uuid NOT NULL REFERENCES care_plan (id),
  reviewed_on  date NOT NULL,
  note         text NOT NULL,
  reviewed_by  uuid NOT NULL REFERENCES app_user (id),
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX care_plan_review_idx ON care_plan_review (care_plan_id, reviewed_on);
