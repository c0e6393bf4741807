/** npm-pick-manifest ships no types: the one call guard makes (npm's version choice for a spec). */
declare module 'npm-pick-manifest' {
  interface PickOptions {
    defaultTag?: string;
    before?: string | Date | null;
    nodeVersion?: string;
    npmVersion?: string | null;
    includeStaged?: boolean;
    avoid?: string | null;
    avoidStrict?: boolean;
  }
  function pickManifest(packument: object, wanted: string, opts?: PickOptions): unknown;
  export default pickManifest;
}
