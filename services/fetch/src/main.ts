import { runService } from '@newsflow/runtime/service';
import { fetchService } from './worker.ts';

await runService(fetchService, process.env);
