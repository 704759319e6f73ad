import { z } from "zod";

const StringRecord = z.record(z.string(), z.string()).catch({});

const DevEngine = z.looseObject({ name: z.string() });

/**
 * The parts of a repository's package.json Archon reads. Anything else is ignored, and a field
 * of the wrong shape reads as absent rather than failing detection.
 */
export const PackageJson = z.looseObject({
  name: z.string().optional().catch(undefined),
  type: z.enum(["module", "commonjs"]).optional().catch(undefined),
  scripts: StringRecord.optional(),
  dependencies: StringRecord.optional(),
  devDependencies: StringRecord.optional(),
  /** Corepack's "pnpm@9.12.0+sha512…": the package manager the repository is meant to use. */
  packageManager: z.string().optional().catch(undefined),
  /** npm's devEngines; its packageManager is one `{ name, version }` or a list in order of preference. */
  devEngines: z
    .looseObject({ packageManager: z.union([DevEngine, z.array(DevEngine)]).optional().catch(undefined) })
    .optional()
    .catch(undefined),
  /** Prettier options kept in package.json. */
  prettier: z.unknown().optional(),
});
export type PackageJson = z.infer<typeof PackageJson>;
