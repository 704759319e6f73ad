/** The agents a plan's steps name. */
export type AgentName = "CodeGenerationAgent" | "TestingAgent" | "DocumentationAgent";

/** Where a plan step is. */
export type StepStatus = "pending" | "running" | "succeeded" | "failed" | "skipped";

/** How one agent run ended (running until it does). */
export type RunOutcome = "running" | "succeeded" | "failed" | "rejected" | "unsupported";
