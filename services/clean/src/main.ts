import { runService } from '@newsflow/runtime/service';
import { cleanService } from './worker.ts';

await runService(cleanService, process.env);
