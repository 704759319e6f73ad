import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import type { RealServices } from "./services.js";

export interface Machine {
  cpus: number;
  cpuModel: string | undefined;
  memoryGb: number;
  node: string;
  postgres: string | undefined;
  redis: string | undefined;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
}

export function describeMachine(services: RealServices): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: services.versions.postgres,
    redis: services.versions.redis,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}
