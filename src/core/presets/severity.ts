/** How bad a wrong Keycloak setting is, for presets and client findings alike. */
// zod/mini: client findings are checked again in the content script, which has a size budget.
import * as z from "zod/mini";

export const severitySchema = z.enum(["error", "warning", "suggestion", "info"]);
export type Severity = z.infer<typeof severitySchema>;

/** Most severe first; `--fail-on` and sorting read this order. */
export const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "suggestion", "info"];
