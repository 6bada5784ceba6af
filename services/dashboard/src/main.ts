import { runService } from '@newsflow/runtime/service';
import { dashboardService } from './worker.ts';

await runService(dashboardService, process.env);
