-- The bodies a body acts as: itself, and each named group it belongs to. A task assigned to a group is
-- assigned to each of its members ("UBND cấp xã" leads it: every commune's committee leads it), so
-- whoever asks whether a body is assigned to a task, which tasks a body or a subtree sees or leads,
-- whom a published directive notifies, or which provinces a group counts for, reads this view:
-- auth/scope.ts (actingFor, actingWithin), body_role_on(), agency_provinces.
--
-- The body's path and kind are columns so that a condition on them ("the bodies under Hà Nội") is
-- pushed into both halves and met there by the agencies' indexes. UNION, not UNION ALL: the planner
-- then knows the bodies acting for a subtree as a distinct set, which keeps the plans the task lists
-- and dashboards had when each wrote the set out (measured at national scale: a flattened UNION ALL
-- tipped a province office's task count to a parallel plan, 1.5 s instead of 0.5 s).
CREATE OR REPLACE VIEW agency_acts_as AS
  SELECT a.id AS agency_id, a.path AS agency_path, a.kind AS agency_kind, a.id AS acts_as_id FROM agencies a
  UNION
  SELECT m.id, m.path, m.kind, gm.group_id FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id;
