import { runService } from '@newsflow/runtime/service';
import { entitiesService } from './worker.ts';

await runService(entitiesService, process.env);
