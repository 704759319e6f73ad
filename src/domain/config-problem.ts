/** One problem with a repository's `.github/archon.yml`, for the person who wrote it. */
export interface ConfigProblem {
  /** Where in the file, e.g. `paths.allowed[1]`; empty for the file as a whole. */
  path: string;
  message: string;
}
