/** Types for npm-install-checks (npm's own os/cpu/libc and engines checks); the package ships none. */
declare module 'npm-install-checks' {
  export interface PlatformSpec {
    _id?: string;
    os?: string | string[];
    cpu?: string | string[];
    libc?: string | string[];
  }
  export interface PlatformEnvironment {
    os?: string;
    cpu?: string;
    libc?: string;
  }
  /** Throws an error with code EBADPLATFORM when TARGET does not install on ENVIRONMENT (default: this machine). */
  export function checkPlatform(target: PlatformSpec, force?: boolean, environment?: PlatformEnvironment): void;
  export const currentEnv: { os(): string; cpu(): string; libc(os: string): string | null | undefined };
}
