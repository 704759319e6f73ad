import { InstallationPayload, InstallationRepositoriesPayload } from "../schema.js";
import { type EventParser, ignored, parse } from "./payload-parts.js";

const repository = (r: { id: number; full_name: string; private: boolean }) => ({ id: r.id, fullName: r.full_name, private: r.private });

/** `installation`: the App installed, removed, suspended, with the repositories it sees. */
export const onInstallation: EventParser = (payload, key) => {
  const p = parse(InstallationPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  return {
    kind: "event",
    event: {
      type: "installation",
      action: p.action,
      installationId: p.installation.id,
      account: p.installation.account,
      repositories: (p.repositories ?? []).map(repository),
    },
  };
};

/** `installation_repositories`: repositories added to or removed from an installation. */
export const onInstallationRepositories: EventParser = (payload, key) => {
  const p = parse(InstallationRepositoriesPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  return {
    kind: "event",
    event: {
      type: "installation_repositories",
      action: p.action,
      installationId: p.installation.id,
      account: p.installation.account,
      added: p.repositories_added.map(repository),
      removed: p.repositories_removed.map(repository),
    },
  };
};
