import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger };

export interface LoggerConfig {
  level: string;
  name?: string;
  /** Where to write: stdout by default; 'stderr' for command-line tools; or a stream. */
  destination?: DestinationStream | 'stderr';
}

/**
 * The one pino root of a process. Secrets and documents are redacted, and long strings are
 * cut, so that a log line never carries an article or a password.
 */
export function createLogger(config: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: config.level,
    base: { service: config.name ?? 'newsflow' },
    redact: {
      paths: [
        'password', '*.password', 'redisUrl', '*.redisUrl', 'authorization', '*.authorization',
        'body', '*.body', 'text', '*.text', 'html', '*.html',
      ],
      censor: '[redacted]',
    },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (config.destination === 'stderr') return pino(options, pino.destination(2));
  return config.destination ? pino(options, config.destination) : pino(options);
}

/** A child logger per job: queue, job id and attempt on every line. */
export function jobLogger(root: Logger, job: { queueName: string; id?: string | undefined; attemptsMade: number }): Logger {
  return root.child({ queue: job.queueName, jobId: job.id, attempt: job.attemptsMade + 1 });
}
