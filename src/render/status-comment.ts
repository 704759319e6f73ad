import type { TaskSnapshot } from "../domain/task-snapshot.js";
import { renderMarker } from "./marker.js";
import { errorSection, estimateSection, linksSection, nextSection, planSection, titleSection } from "./status-sections.js";
import { joinSections } from "./text.js";

/**
 * The status comment: one per task, found again by its marker and edited in place, so it
 * always tells the truth about the task.
 */
export function renderStatusComment(task: TaskSnapshot): string {
  return joinSections([
    renderMarker("status", { task: task.id }),
    titleSection(task),
    linksSection(task),
    errorSection(task),
    planSection(task),
    estimateSection(task),
    nextSection(task),
  ]);
}
