import { z } from "zod";
import { RepositoryFullName } from "../auth/schema.js";

export const DocumentKind = z.enum(["doc", "adr", "plan", "snippet", "test_report", "decision"]);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Database ids are bigints; they travel as decimal strings (numbers are accepted too). */
export const Id = z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(z.string().regex(/^\d{1,18}$/, "expected a numeric id"));

export const NewDocument = z.object({
  kind: DocumentKind,
  title: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(1_000_000),
  /** Repository the document belongs to; absent means the whole installation. */
  repository: RepositoryFullName.optional(),
  /** Where the document lives in the repository. */
  path: z.string().trim().min(1).max(1024).optional(),
  /** The task that produced it. */
  sourceTaskId: Id.optional(),
});
export type NewDocument = z.infer<typeof NewDocument>;

export const DocumentPatch = z.object({
  kind: DocumentKind.optional(),
  title: z.string().trim().min(1).max(300).optional(),
  body: z.string().min(1).max(1_000_000).optional(),
  path: z.string().trim().min(1).max(1024).nullable().optional(),
});
export type DocumentPatch = z.infer<typeof DocumentPatch>;

export const DocumentSearchQuery = z.object({
  /** Web-search syntax: words, "quoted phrases", OR, -excluded. */
  q: z.string().trim().min(1).max(500),
  repository: RepositoryFullName.optional(),
  kind: DocumentKind.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type DocumentSearchQuery = z.input<typeof DocumentSearchQuery>;
