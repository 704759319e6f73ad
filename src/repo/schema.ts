import { z } from "zod";

const StringRecord = z.record(z.string(), z.string()).catch({});

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
  /** Prettier options kept in package.json. */
  prettier: z.unknown().optional(),
});
export type PackageJson = z.infer<typeof PackageJson>;
