// Every migration, in order. A test checks that each file in this folder is listed here.
import type { Migration } from "kysely";
import * as m0 from "./20261124000000_initial.js";
import * as m1 from "./20261124010000_task_snapshot.js";
import * as m2 from "./20261124010100_task_spend_precision.js";
import * as m3 from "./20261124030000_documents_search_no_pending_list.js";
import * as m4 from "./20261124030100_documents_search_inline.js";
import * as m5 from "./20261124040000_issue_label_changes.js";
import * as m6 from "./20261124050000_pull_request_events.js";
import * as m7 from "./20261124050100_issue_closes.js";
import * as m8 from "./20261124060000_task_started_by.js";
import * as m9 from "./20261202000000_runner_reports.js";

export const migrations: Record<string, Migration> = {
  "20261124000000_initial": m0,
  "20261124010000_task_snapshot": m1,
  "20261124010100_task_spend_precision": m2,
  "20261124030000_documents_search_no_pending_list": m3,
  "20261124030100_documents_search_inline": m4,
  "20261124040000_issue_label_changes": m5,
  "20261124050000_pull_request_events": m6,
  "20261124050100_issue_closes": m7,
  "20261124060000_task_started_by": m8,
  "20261202000000_runner_reports": m9,
};
