import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { auditVerifyCommand } from './audit-verify.js';
import { corpusExportCommand } from './corpus.js';
import { demoCommand } from './demo.js';
import { migrateCommand, tenantCreateCommand, tokenCreateCommand } from './admin.js';

const usage = `Usage: paydesk <command>

Commands:
  serve                                   start the API (and console) on PAYDESK_PORT (8080)
  migrate                                 bring the database schema up to date
  token create --tenant <slug> --role <admin|supervisor|agent|viewer> --name <name>
                                          create an API token; prints only the token
  tenant create <slug> --name <name> [--timezone <IANA zone>]
                                          add a tenant (default time zone Asia/Shanghai)
  demo [--tenant <slug>] [--cases <n>]    load realistic demo cases (default 300)
  audit verify [--tenant <slug>]          check the audit hash chains; exit 1 on tampering
  corpus export [--tenant <slug>]         agents' corrections of auto-triage as training lines (JSONL)

Environment: PAYDESK_DATA_DIR, PAYDESK_DATABASE_URL, PAYDESK_PORT, PAYDESK_LOG_LEVEL (see README).`;

export type Io = { out: (line: string) => void; err: (line: string) => void };

const defaultIo: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

/** Runs one CLI command and returns its exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, sub] = argv;
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tenant: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        timezone: { type: 'string' },
        cases: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const options = parsed.values;
    if (!command || options.help) {
      io.out(usage);
      return command ? 0 : 2;
    }
    const config = loadConfig();
    switch (command) {
      case 'serve': {
        const { serve } = await import('../server.js');
        await serve(config, io.out);
        return 0;
      }
      case 'migrate':
        return await migrateCommand(config, io);
      case 'token':
        if (sub === 'create') return await tokenCreateCommand(config, io, options);
        break;
      case 'tenant':
        if (sub === 'create') return await tenantCreateCommand(config, io, parsed.positionals[2], options);
        break;
      case 'demo':
        return await demoCommand(config, io, options);
      case 'audit':
        if (sub === 'verify') return await auditVerifyCommand(config, io, options);
        break;
      case 'corpus':
        if (sub === 'export') return await corpusExportCommand(config, io, options);
        break;
    }
    io.err(`unknown command: ${argv.join(' ')}\n\n${usage}`);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}
