import { runService } from '@newsflow/runtime/service';
import { dedupeService } from './worker.ts';

await runService(dedupeService, process.env);
