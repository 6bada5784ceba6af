import { runService } from '@newsflow/runtime/service';
import { languageService } from './worker.ts';

await runService(languageService, process.env);
