import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The evaluation data folder: `NEWSFLOW_EVAL_DIR`, else `shared/eval` beside the checkout (where
 * CI puts it). The texts belong to their publishers: they are read from there at run time and
 * never copied into the repository.
 */
export function sharedEvalDir(): string {
  const dir = process.env['NEWSFLOW_EVAL_DIR'] ?? fileURLToPath(new URL('../../../shared/eval/', import.meta.url));
  if (!existsSync(dir)) {
    throw new Error(`evaluation data not found at ${dir}: put shared/eval beside the checkout or set NEWSFLOW_EVAL_DIR`);
  }
  return dir;
}

/** Runs an evaluation script's `main` when the file is the command (not when a test imports it). */
export function runWhenMain(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
