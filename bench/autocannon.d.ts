// autocannon ships no types; this declares the part bench/console-pages.ts uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface Options {
    url: string;
    connections?: number;
    amount?: number;
    headers?: Record<string, string>;
  }
  interface Result {
    non2xx: number;
    errors: number;
  }
  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): EventEmitter;
  export default autocannon;
}
