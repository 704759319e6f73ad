import { parseMarkers } from "./marker.js";
import type { SlashCommand } from "../archon/slash-command.js";

const TICK_LINE = /^\s*[-*+]\s+\[([ xX])\]\s.*$/;

/**
 * Given the status comment before and after a person edited it (GitHub sends both when a box is
 * ticked), returns the commands the newly ticked boxes stand for, in the order they appear.
 * Only Archon's own tick targets count (boxes carrying an `archon:tick` marker); unticking does
 * nothing, and a box already ticked before the edit is not a new request.
 */
export function diffCheckboxes(oldBody: string, newBody: string): SlashCommand[] {
  const before = tickedTargets(oldBody);
  const commands: SlashCommand[] = [];
  for (const [key, target] of ticks(newBody)) {
    if (!target.ticked || before.has(key)) continue;
    if (commands.some((c) => c.name === target.command.name)) continue;
    commands.push(target.command);
  }
  return commands;
}

function tickedTargets(body: string): Set<string> {
  return new Set([...ticks(body)].filter(([, target]) => target.ticked).map(([key]) => key));
}

function ticks(body: string): Map<string, { ticked: boolean; command: SlashCommand }> {
  const found = new Map<string, { ticked: boolean; command: SlashCommand }>();
  for (const line of body.split(/\r?\n/)) {
    const box = TICK_LINE.exec(line);
    if (!box) continue;
    const marker = parseMarkers(line).find((m) => m.kind === "tick");
    const command = marker && toCommand(marker.fields.action, marker.fields.step);
    if (!command) continue;
    const key = [command.name, ...command.args].join(":");
    if (!found.has(key)) found.set(key, { ticked: box[1] !== " ", command });
  }
  return found;
}

function toCommand(action: string | undefined, step: string | undefined): SlashCommand | undefined {
  if (action === "approve" || action === "cancel") return { kind: "command", name: action, args: [] };
  if (action === "retry") return { kind: "command", name: "retry", args: step === undefined ? [] : [step] };
  return undefined;
}
