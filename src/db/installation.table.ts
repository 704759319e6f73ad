import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** Written as Date or ISO text, optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface InstallationTable {
  /** GitHub's installation id; 0 is the local installation used by `archon run`. */
  id: string | number;
  account_login: string;
  account_type: Generated<string>;
  suspended_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type Installation = Selectable<InstallationTable>;

export type Forge = "github" | "local";

export interface RepositoryTable {
  id: Generated<string>;
  installation_id: string | number;
  forge: Generated<Forge>;
  github_id: string | number | null;
  full_name: string;
  default_branch: Generated<string>;
  private: Generated<boolean>;
  local_path: string | null;
  removed_at: Timestamp | null;
  created_at: Timestamp;
}
export type Repository = Selectable<RepositoryTable>;
export type NewRepository = Insertable<RepositoryTable>;

export interface ProjectTable {
  id: Generated<string>;
  installation_id: string | number;
  repository_id: string | null;
  title: string;
  description: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type Project = Selectable<ProjectTable>;
